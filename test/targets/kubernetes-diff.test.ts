import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KubernetesObject, V1Deployment } from "@kubernetes/client-node";
import YAML from "yaml";
import type { ClusterConnection } from "../../src/targets/kubernetes/connection.js";
import { changedPaths, dryRunDiff } from "../../src/targets/kubernetes/diff.js";
import type { KubeDouble } from "../kube/double/index.js";
import { deploymentYaml } from "../kube/fixtures.js";
import type { Kubectl } from "../kube/kubectl.js";
import { startDevCluster } from "./kubernetes-support.js";
import type { DevCluster } from "./kubernetes-support.js";

let double: KubeDouble;
let kubectl: Kubectl;
let connection: ClusterConnection;

let cluster: DevCluster;

before(async () => {
  cluster = await startDevCluster();
  ({ double, kubectl, connection } = cluster);
});

after(() => cluster.stop());

function deployment(image: string): KubernetesObject {
  const obj = YAML.parse(deploymentYaml({ name: "auth", image })) as V1Deployment;
  return { ...obj, metadata: { ...obj.metadata, namespace: "quikapp-dev" } };
}

describe("a server-side dry-run diff of what the kubernetes target would apply", () => {
  it("says create for an object that does not exist, and stores nothing", async () => {
    const before = double.store.resourceVersion;
    const [change] = await dryRunDiff(connection, [deployment("auth:v1")]);
    assert.deepEqual(change, {
      kind: "Deployment",
      namespace: "quikapp-dev",
      name: "auth",
      change: "create",
      fields: [],
    });
    assert.equal(double.store.resourceVersion, before);
  });

  it("names the fields an apply would change, and says unchanged when nothing would", async () => {
    await connection.apply([deployment("auth:v1")]);
    const [same] = await dryRunDiff(connection, [deployment("auth:v1")]);
    assert.equal(same?.change, "unchanged");
    const before = double.store.resourceVersion;
    const [next] = await dryRunDiff(connection, [deployment("auth:v2")]);
    assert.deepEqual(next?.fields, [".spec.template.spec.containers[0].image"]);
    assert.equal(next?.change, "update");
    assert.equal(double.store.resourceVersion, before, "a dry run stores nothing");
    const live = await kubectl.json<V1Deployment>(["get", "deployment", "auth"]);
    assert.equal(live.spec?.template.spec?.containers[0]?.image, "auth:v1");
  });

  it("compares leaves, lists by position and whole subtrees added or removed", () => {
    assert.deepEqual(changedPaths({ a: { b: 1, c: [1, 2] } }, { a: { b: 2, c: [1], d: { e: 1 } } }), [
      ".a.b",
      ".a.c[1]",
      ".a.d",
    ]);
  });
});
