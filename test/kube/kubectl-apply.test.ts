import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { KubeDouble } from "./double/index.js";
import type { V1Deployment } from "@kubernetes/client-node";
import { appContainerFields, at, deploymentYaml, entryOf, managedFields } from "./fixtures.js";
import { Kubectl } from "./kubectl.js";

let double: KubeDouble;
let kubectl: Kubectl;

before(async () => {
  double = await KubeDouble.start({ namespaces: ["quikapp-dev"] });
  kubectl = new Kubectl(double, { dev: "quikapp-dev", staging: "quikapp-staging" });
});

after(async () => {
  kubectl.dispose();
  await double.close();
});

describe("the real kubectl applies server-side to the Kubernetes API test double", () => {
  it("creates the object with kubectl as its Apply manager, owning exactly the applied fields", async () => {
    const out = await kubectl.ok(
      ["apply", "--server-side", "-f", "-"],
      deploymentYaml({ name: "auth", image: "auth:v1" }),
    );
    assert.match(out, /deployment.apps\/auth serverside-applied/);
    const d = await kubectl.json<V1Deployment>(["get", "deployment", "auth", "--show-managed-fields"]);
    const apply = entryOf(d, "kubectl");
    assert.equal(apply.apiVersion, "apps/v1");
    assert.deepEqual(appContainerFields(apply), {
      ".": {},
      "f:image": {},
      "f:name": {},
      "f:ports": { 'k:{"containerPort":8080,"protocol":"TCP"}': { ".": {}, "f:containerPort": {}, "f:name": {} } },
    });
    assert.deepEqual(at(apply.fieldsV1, "f:spec", "f:selector"), {}, "a LabelSelector is atomic: one leaf");
    assert.equal(d.spec?.revisionHistoryLimit, 10, "defaults are set but not owned by the applier");
    assert.equal(at(apply.fieldsV1, "f:spec", "f:revisionHistoryLimit"), undefined);
    const status = managedFields(d).find((e) => e.subresource === "status");
    assert.equal(status?.manager, "kube-controller-manager");
  });

  it("stores nothing and keeps the resource version when the same configuration is applied again", async () => {
    const before = await kubectl.json<V1Deployment>(["get", "deployment", "auth"]);
    await kubectl.ok(["apply", "--server-side", "-f", "-"], deploymentYaml({ name: "auth", image: "auth:v1" }));
    const again = await kubectl.json<V1Deployment>(["get", "deployment", "auth"]);
    assert.equal(again.metadata?.resourceVersion, before.metadata?.resourceVersion);
    assert.equal(again.metadata?.generation, 1);
  });

  it("removes a field the manager stops applying and bumps the generation only for spec changes", async () => {
    await kubectl.ok(
      ["apply", "--server-side", "-f", "-"],
      deploymentYaml({ name: "auth", image: "auth:v1", labels: { team: "id" } }),
    );
    let d = await kubectl.json<V1Deployment>(["get", "deployment", "auth"]);
    assert.equal(d.metadata?.labels?.team, "id");
    assert.equal(d.metadata?.generation, 1, "a label is metadata, not spec");
    await kubectl.ok(
      ["apply", "--server-side", "-f", "-"],
      deploymentYaml({ name: "auth", image: "auth:v1", replicas: 3 }),
    );
    d = await kubectl.json<V1Deployment>(["get", "deployment", "auth"]);
    assert.equal(d.metadata?.labels?.team, undefined);
    assert.equal(d.spec?.replicas, 3);
    assert.equal(d.metadata?.generation, 2);
    assert.ok(Number(d.metadata?.resourceVersion) > 0);
  });

  it("refuses a conflicting value from another manager, naming the manager and the field, and stores nothing", async () => {
    await kubectl.ok(
      ["apply", "--server-side", "--field-manager=other", "-f", "-"],
      deploymentYaml({ name: "web", image: "web:v1" }),
    );
    const before = await kubectl.json<V1Deployment>(["get", "deployment", "web"]);
    const result = await kubectl.run(
      ["apply", "--server-side", "-f", "-"],
      deploymentYaml({ name: "web", image: "web:v2" }),
    );
    assert.notEqual(result.code, 0);
    assert.match(
      result.stderr,
      /Apply failed with 1 conflict: conflict with "other": \.spec\.template\.spec\.containers\[name="app"\]\.image/,
    );
    const after = await kubectl.json<V1Deployment>(["get", "deployment", "web"]);
    assert.equal(after.metadata?.resourceVersion, before.metadata?.resourceVersion);
    assert.equal(after.spec?.template.spec?.containers[0]?.image, "web:v1");
  });

  it("shares a field applied with the same value by two managers", async () => {
    await kubectl.ok(
      ["apply", "--server-side", "--field-manager=third", "-f", "-"],
      deploymentYaml({ name: "web", image: "web:v1" }),
    );
    const d = await kubectl.json<V1Deployment>(["get", "deployment", "web", "--show-managed-fields"]);
    const owners = managedFields(d)
      .filter((e) => at(appContainerFields(e), "f:image"))
      .map((e) => e.manager)
      .sort();
    assert.deepEqual(owners, ["other", "third"]);
  });

  it("takes the field with --force-conflicts, and the previous owner no longer owns it", async () => {
    await kubectl.ok(
      ["apply", "--server-side", "--force-conflicts", "-f", "-"],
      deploymentYaml({ name: "web", image: "web:v2" }),
    );
    const d = await kubectl.json<V1Deployment>(["get", "deployment", "web", "--show-managed-fields"]);
    assert.equal(d.spec?.template.spec?.containers[0]?.image, "web:v2");
    const other = entryOf(d, "other");
    assert.equal(at(appContainerFields(other), "f:image"), undefined);
    assert.deepEqual(at(other.fieldsV1, "f:spec", "f:replicas"), {}, "fields without a conflict stay shared");
  });

  it("stores nothing on a server-side dry run", async () => {
    const out = await kubectl.ok(
      ["apply", "--server-side", "--dry-run=server", "-f", "-"],
      deploymentYaml({ name: "dry", image: "dry:v1" }),
    );
    assert.match(out, /deployment.apps\/dry serverside-applied \(server dry run\)/);
    const result = await kubectl.run(["get", "deployment", "dry"]);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /deployments.apps "dry" not found/);
  });

  it("stores a Gateway API HTTPRoute with its backend weights and prints it", async () => {
    const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: auth}
spec:
  parentRefs: [{name: quikapp}]
  hostnames: [auth.dev.quikapp.example]
  rules:
    - backendRefs:
        - {name: auth-stable, port: 80, weight: 90}
        - {name: auth-canary, port: 80, weight: 10}
`;
    await kubectl.ok(["apply", "--server-side", "--field-manager=quikship", "-f", "-"], route);
    const got = await kubectl.json<{ spec: { rules: { backendRefs: { weight: number }[] }[] } }>([
      "get",
      "httproute",
      "auth",
    ]);
    assert.deepEqual(
      got.spec.rules[0]?.backendRefs.map((b) => b.weight),
      [90, 10],
    );
    assert.match(await kubectl.ok(["get", "httproutes"]), /^auth\s+\["auth.dev.quikapp.example"\]\s+\d+s$/m);
  });

  it("refuses to create in a namespace that does not exist, as a cluster does", async () => {
    const result = await kubectl.run(
      ["--context", "staging", "apply", "--server-side", "-f", "-"],
      deploymentYaml({ name: "web", image: "web:v1" }),
    );
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /namespaces "quikapp-staging" not found/);
  });

  it("refuses a Deployment whose selector does not match its template, with a located message", async () => {
    const bad = deploymentYaml({ name: "bad", image: "bad:v1" }).replace(
      "matchLabels: {app.kubernetes.io/name: bad}",
      "matchLabels: {app: other}",
    );
    const result = await kubectl.run(["apply", "--server-side", "-f", "-"], bad);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /Deployment.apps "bad" is invalid: spec.template.metadata.labels/);
  });
});
