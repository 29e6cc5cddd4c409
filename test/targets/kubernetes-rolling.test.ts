import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { V1Deployment, V1DeploymentList, V1ReplicaSetList } from "@kubernetes/client-node";
import { testPlatform } from "../engine/support.js";
import { drive, engineOn, revisionRequest, SHOP_PLATFORM, startKubeTarget } from "./kubernetes-support.js";
import type { KubeEngine } from "./kubernetes-support.js";

/**
 * A rolling service on Kubernetes as a native Deployment rolling update, through the engine, the
 * kubernetes target and the Kubernetes API test double, read back with the real kubectl: one
 * Deployment `api` whose ReplicaSets are the revisions, its strategy from the platform, a crashing
 * revision rolled back by re-applying the previous revision's rendering, and a service that ran
 * as per-revision Deployments (`api-r1`) moved to the one Deployment by its next deploy.
 */

const PLATFORM = SHOP_PLATFORM.replace("minReady: 0s", "minReady: 2s").replace(
  "strategy: { type: rolling, maxSurge: 1, maxUnavailable: 0 }",
  "strategy: { type: rolling, maxSurge: 2, maxUnavailable: 1 }",
);
const GATEWAY = SHOP_PLATFORM.replace(
  "minReady: 0s",
  "minReady: 0s\n    gateway: { name: public, namespace: gateway }",
);

let s: KubeEngine;
let g: KubeEngine;

before(async () => {
  s = engineOn(await startKubeTarget(["dev"], { platform: testPlatform(PLATFORM) }));
  g = engineOn(await startKubeTarget(["dev"], { platform: testPlatform(GATEWAY) }));
});
after(() => Promise.all([s.rig.close(), g.rig.close()]));

async function deploy(e: KubeEngine, tag: string): Promise<{ status: string; error?: { message: string } | null }> {
  const run = await e.engine.api.submit(
    { kind: "deploy", environment: "dev", services: ["api"], params: { tag } },
    "alice",
  );
  await drive(e, 16, 1_000);
  return e.engine.api.get(run.id);
}

const deployments = async (e: KubeEngine): Promise<string[]> =>
  (await e.rig.kubectl.json<V1DeploymentList>(["get", "deployments"])).items.map((d) => d.metadata?.name ?? "").sort();

const replicaSets = async (e: KubeEngine): Promise<Record<string, number>> =>
  Object.fromEntries(
    (await e.rig.kubectl.json<V1ReplicaSetList>(["get", "rs", "-l", "app.kubernetes.io/name=api"])).items.map((rs) => [
      rs.metadata?.labels?.["quikship.io/revision"] ?? "",
      rs.spec?.replicas ?? 0,
    ]),
  );

describe("rolling on Kubernetes: a native Deployment rolling update", () => {
  it("rolls revision 2 into the one Deployment api: rollout status succeeds, both revisions' ReplicaSets kept", async () => {
    assert.equal((await deploy(s, "v1")).status, "succeeded");
    assert.equal((await deploy(s, "v2")).status, "succeeded");
    assert.deepEqual(await deployments(s), ["api"], "no per-revision Deployment");
    const d = await s.rig.kubectl.json<V1Deployment>(["get", "deployment", "api"]);
    assert.deepEqual(d.spec?.strategy, { type: "RollingUpdate", rollingUpdate: { maxSurge: 2, maxUnavailable: 1 } });
    assert.equal(d.spec?.minReadySeconds, 2);
    assert.equal(d.spec?.progressDeadlineSeconds, 60);
    assert.equal(d.spec?.template.metadata?.labels?.["quikship.io/revision"], "2");
    assert.match(d.spec?.template.spec?.containers[0]?.image ?? "", /:v2$/);
    assert.match(
      await s.rig.kubectl.ok(["rollout", "status", "deployment/api", "--timeout=10s"]),
      /successfully rolled out/,
    );
    assert.match(await s.rig.kubectl.ok(["rollout", "history", "deployment/api"]), /^1\s[\s\S]*^2\s/m);
    assert.deepEqual(await replicaSets(s), { "1": 0, "2": 2 });
    const status = await s.rig.target.status(s.rig.platform.environments.dev!, s.rig.platform.services.api!);
    assert.deepEqual(
      status.revisions.map((r) => [r.revision, r.tag, r.desired, r.ready]),
      [[2, "v2", 2, 2]],
    );
    // Each revision's Service selects its pods in the one Deployment; the old revision's is gone.
    const services = await s.rig.kubectl.ok(["get", "services", "-o", "name"]);
    assert.match(services, /service\/api-r2/);
    assert.doesNotMatch(services, /service\/api-r1/);
  });

  it("rolls a crashing revision back by re-applying revision 2's stored rendering to api", async () => {
    const view = await deploy(s, "v3-crash");
    assert.equal(view.status, "failed");
    assert.match(view.error?.message ?? "", /revision 3 of api \(v3-crash\) failed .*rolled back to revision 2 \(v2\)/);
    const d = await s.rig.kubectl.json<V1Deployment>(["get", "deployment", "api"]);
    assert.equal(d.spec?.template.metadata?.labels?.["quikship.io/revision"], "2");
    assert.match(d.spec?.template.spec?.containers[0]?.image ?? "", /:v2$/);
    await drive(s, 4, 1_000);
    assert.match(
      await s.rig.kubectl.ok(["rollout", "status", "deployment/api", "--timeout=10s"]),
      /successfully rolled out/,
    );
    assert.deepEqual(await replicaSets(s), { "1": 0, "2": 2, "3": 0 });
    const status = await s.rig.target.status(s.rig.platform.environments.dev!, s.rig.platform.services.api!);
    assert.deepEqual(
      status.revisions.map((r) => r.revision),
      [2],
    );
    assert.doesNotMatch(await s.rig.kubectl.ok(["get", "services", "-o", "name"]), /service\/api-r3/);
  });

  it("moves a service from its per-revision Deployment api-r1 to api, its route then all on api-r2", async () => {
    const dev = g.rig.platform.environments.dev!;
    const api = g.rig.platform.services.api!;
    // As before the rolling layout: revision 1 in its own Deployment, with all the traffic.
    const r1 = await g.rig.revision(dev, api, "v1");
    await g.rig.target.ensureRevision(revisionRequest(dev, api, r1, "v1", 2), AbortSignal.timeout(5_000));
    await g.rig.target.setWeights(dev, api, { [r1]: 100 });
    assert.deepEqual(await deployments(g), ["api-r1"]);
    assert.equal((await deploy(g, "v2")).status, "succeeded");
    assert.deepEqual(await deployments(g), ["api"]);
    const route = await g.rig.kubectl.json<{ spec: { rules: { backendRefs: { name: string; weight: number }[] }[] } }>([
      "get",
      "httproute",
      "api",
    ]);
    assert.deepEqual(route.spec.rules.at(-1)?.backendRefs, [{ name: "api-r2", port: 80, weight: 100 }]);
  });
});
