import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { V1ConfigMap, V1Deployment, V1HorizontalPodAutoscaler } from "@kubernetes/client-node";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { ManualClock } from "../../src/engine/clock.js";
import { buildService } from "../../src/manifests/built.js";
import { storedManifests } from "../../src/server/manifests.js";
import { openDatabase } from "../../src/store/database.js";
import type { Db } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrate.js";
import { revisionRendering } from "../../src/store/revisions/rendering.js";
import { createRevision } from "../../src/store/revisions/write.js";
import { ClusterConnection, loadKubeConfig } from "../../src/targets/kubernetes/connection.js";
import { KubernetesTarget } from "../../src/targets/kubernetes/target.js";
import type { RevisionRequest } from "../../src/targets/target.js";
import { KubeDouble } from "../kube/double/index.js";
import { Kubectl } from "../kube/kubectl.js";
import { managedFields } from "../kube/fixtures.js";
import { readFileSync } from "node:fs";
import { loadAll } from "js-yaml";

/**
 * The kubernetes target applying what `quikship render` renders, each revision's rendering
 * stored with it in a real SQLite store, against the Kubernetes API test double and the real kubectl.
 */
let double: KubeDouble;
let kubectl: Kubectl;
let target: KubernetesTarget;
let db: Db;
let dir: string;
let platform: Platform;
const original = loadPlatformOrThrow("examples/quikapp").platform;
const live = original.environments.live!;
const auth = original.services["auth-service"]!;

before(async () => {
  platform = original;
  double = await KubeDouble.start({ namespaces: [live.namespace] });
  kubectl = new Kubectl(double, { [live.cluster!]: live.namespace });
  dir = mkdtempSync(join(tmpdir(), "quikship-kubernetes-manifests-"));
  writeFileSync(join(dir, "kubeconfig"), double.kubeconfig({ [live.cluster!]: live.namespace }));
  db = await openDatabase({ url: `sqlite:${join(dir, "quikship.db")}` });
  await migrate(db);
  const config = loadKubeConfig(join(dir, "kubeconfig"));
  target = new KubernetesTarget(
    (env) => ClusterConnection.open(env, config),
    new ManualClock(Date.parse("2026-12-01T10:00:00Z")),
    undefined,
    storedManifests(db, () => platform),
  );
});

after(async () => {
  kubectl.dispose();
  await db.close();
  await double.close();
  rmSync(dir, { recursive: true, force: true });
});

async function revision(tag: string): Promise<number> {
  const row = await db.transaction((tx) =>
    createRevision(tx, {
      environment: "live",
      service: auth.name,
      tag,
      replicas: live.replicas.min,
      runId: `run-${tag}`,
      detail: { cause: "deploy" },
      now: 1,
    }),
  );
  return row.number;
}

function request(number: number, tag: string): RevisionRequest {
  return {
    environment: live,
    service: auth,
    revision: number,
    tag,
    replicas: live.replicas.min,
    env: {},
    secrets: [],
    idempotencyKey: `k-${number}`,
  };
}

const names = async (kind: string): Promise<string[]> =>
  (
    await kubectl.json<{ items: { metadata: { name: string } }[] }>([
      "get",
      kind,
      "-l",
      "app.kubernetes.io/name=auth-service",
    ])
  ).items
    .map((o) => o.metadata.name)
    .sort();

describe("the kubernetes target applying the rendered manifests", () => {
  it("applies the revision's rendering: the rendered Deployment (probes, resources, security context) as SERVICE-rN, as field manager quikship", async () => {
    const one = await revision("v1.0.0");
    await target.ensureRevision(request(one, "v1.0.0"), AbortSignal.timeout(5_000));
    const rendered = buildService(platform, "live", auth.name, "v1.0.0").objects;
    const renderedDeployment = rendered.find((o) => o.kind === "Deployment") as unknown as V1Deployment;
    const applied = await kubectl.json<V1Deployment>([
      "get",
      "deployment",
      `auth-service-r${one}`,
      "--show-managed-fields",
    ]);
    const [want, got] = [renderedDeployment.spec!.template.spec!, applied.spec!.template.spec!];
    assert.deepEqual(got.containers[0]!.readinessProbe, want.containers[0]!.readinessProbe);
    assert.deepEqual(got.containers[0]!.resources, want.containers[0]!.resources);
    assert.deepEqual(got.securityContext, want.securityContext);
    assert.equal(got.containers[0]!.image, want.containers[0]!.image);
    assert.match(got.containers[0]!.image!, /:v1\.0\.0$/);
    assert.deepEqual(got.containers[0]!.envFrom?.[0], { configMapRef: { name: `auth-service-config-r${one}` } });
    assert.equal(applied.spec?.minReadySeconds, renderedDeployment.spec?.minReadySeconds);
    assert.deepEqual(
      managedFields(applied)
        .filter((m) => m.operation === "Apply")
        .map((m) => m.manager),
      ["quikship"],
    );
    const config = await kubectl.json<V1ConfigMap>(["get", "configmap", `auth-service-config-r${one}`]);
    assert.deepEqual(config.data, (rendered.find((o) => o.kind === "ConfigMap") as unknown as V1ConfigMap).data);
    assert.deepEqual(await names("serviceaccount"), ["auth-service"]);
    assert.deepEqual(await names("networkpolicy"), ["auth-service"]);
    assert.deepEqual(await names("poddisruptionbudget"), ["auth-service-pdb"]);
    assert.deepEqual(await names("service"), ["auth-service", `auth-service-r${one}`]);
  });

  it("stores the rendering with the revision, and re-applies the stored one after the platform changed", async () => {
    const stored = await revisionRendering(db.kysely, { environment: "live", service: auth.name, number: 1 });
    assert.equal(stored?.tag, "v1.0.0");
    assert.ok(stored?.files.some((f) => f.path === "overlays/live/auth-service/kustomization.yaml"));
    platform = structuredClone(original);
    platform.environments.live!.resources = { ...live.resources, cpuLimit: "3" };
    await target.ensureRevision(request(1, "v1.0.0"), AbortSignal.timeout(5_000));
    const applied = await kubectl.json<V1Deployment>(["get", "deployment", "auth-service-r1"]);
    assert.equal(applied.spec!.template.spec!.containers[0]!.resources?.limits?.cpu, live.resources.cpuLimit);
  });

  it("points the rendered HPA at the revision that serves all traffic, and at none while traffic is split", async () => {
    await target.setWeights(live, auth, { 1: 100 });
    const hpa = await kubectl.json<V1HorizontalPodAutoscaler>(["get", "hpa", "auth-service-hpa"]);
    assert.equal(hpa.spec?.scaleTargetRef.name, "auth-service-r1");
    const two = await revision("v2.0.0");
    await target.ensureRevision(request(two, "v2.0.0"), AbortSignal.timeout(5_000));
    await target.setWeights(live, auth, { 1: 80, [two]: 20 });
    assert.deepEqual(await names("hpa"), []);
    await target.setWeights(live, auth, { [two]: 100 });
    const moved = await kubectl.json<V1HorizontalPodAutoscaler>(["get", "hpa", "auth-service-hpa"]);
    assert.equal(moved.spec?.scaleTargetRef.name, `auth-service-r${two}`);
  });

  it("gives a new revision the platform's new rendering, pruning what it no longer renders and nothing of others'", async () => {
    assert.equal(
      (await kubectl.json<V1Deployment>(["get", "deployment", "auth-service-r2"])).spec!.template.spec!.containers[0]!
        .resources?.limits?.cpu,
      "3",
    );
    platform = structuredClone(platform);
    platform.environments.live!.pdb = { enabled: false };
    // Someone else's object carrying the service's name label, but not quikship's managed-by.
    await kubectl.ok(
      ["apply", "--server-side", "--field-manager=someone", "-f", "-"],
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: their-config\n  labels: {app.kubernetes.io/name: auth-service}\ndata: {a: b}\n",
    );
    const three = await revision("v3.0.0");
    await target.ensureRevision(request(three, "v3.0.0"), AbortSignal.timeout(5_000));
    assert.deepEqual(await names("poddisruptionbudget"), []);
    await target.removeRevision(live, auth, 1);
    assert.deepEqual(await names("deployment"), ["auth-service-r2", "auth-service-r3"]);
    assert.deepEqual(await names("configmap"), ["auth-service-config-r2", "auth-service-config-r3", "their-config"]);
    assert.deepEqual(await names("service"), ["auth-service", "auth-service-r2", "auth-service-r3"]);
    // Without a gateway, the shared Service is the way in: it selects the pods of the revision with
    // all the traffic, and every revision's ready pods while traffic is split (by replica ratio).
    const endpoints = async (): Promise<string[]> => {
      const e = await kubectl.json<{ subsets?: { addresses?: { targetRef?: { name: string } }[] }[] }>([
        "get",
        "endpoints",
        "auth-service",
      ]);
      return (e.subsets ?? []).flatMap((s) => s.addresses ?? []).map((a) => a.targetRef?.name ?? "");
    };
    const alone = await endpoints();
    assert.ok(alone.length > 0 && alone.every((p) => p.startsWith("auth-service-r2-")), alone.join(", "));
    await target.setWeights(live, auth, { 2: 50, [three]: 50 });
    const split = await endpoints();
    assert.ok(
      split.some((p) => p.startsWith("auth-service-r2-")) && split.some((p) => p.startsWith(`auth-service-r${three}-`)),
      split.join(", "),
    );
    await target.setWeights(live, auth, { 2: 100 });
  });

  it("uses only the verbs and resources examples/kubernetes/quikship-role.yaml grants", async () => {
    await target.restart(live, auth, 3, "restart-1");
    await target.setPreview(live, auth, { revision: 3, mirrorPercent: 10 });
    await target.status(live, auth);
    await target.logs(live, auth, {});
    await target.peek(live);
    await target.removeRevision(live, auth, 2);
    type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
    const [role] = loadAll(readFileSync("examples/kubernetes/quikship-role.yaml", "utf8")) as { rules: Rule[] }[];
    const allowed = (r: { verb: string; group: string; resource: string }): boolean =>
      role!.rules.some(
        (rule) =>
          rule.apiGroups.includes(r.group) && rule.resources.includes(r.resource) && rule.verbs.includes(r.verb),
      );
    // Every request in the namespace: the target's, and the test's kubectl reads (get and list, which the Role grants too).
    const used = new Set(
      double.requests.filter((r) => r.namespace === live.namespace).map((r) => `${r.verb} ${r.group}/${r.resource}`),
    );
    const outside = [...used].filter((u) => {
      const [verb, path] = u.split(" ") as [string, string];
      const [group, resource] = [path.slice(0, path.indexOf("/")), path.slice(path.indexOf("/") + 1)];
      return !allowed({ verb, group, resource });
    });
    assert.deepEqual(outside, [], "requests the Role does not allow");
    assert.ok(used.has("patch apps/deployments") && used.has("delete /configmaps"), [...used].join(", "));
  });
});
