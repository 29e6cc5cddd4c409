import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { V1DeploymentList, V1Endpoints } from "@kubernetes/client-node";
import type { Environment, Service } from "../../src/config/types.js";
import { otherShare, replicaShares, trafficSplit } from "../../src/targets/traffic-split.js";
import { quikappEnvironment, revisionRequest, startKubeTarget } from "./kubernetes-support.js";
import type { KubeTargetRig } from "./kubernetes-support.js";

/**
 * Without a Gateway, traffic reaches a service's revisions through the one Service selecting all
 * their pods, so the kubernetes target turns a strategy's weights into replica counts: tested
 * against the Kubernetes API test double, read back with the real kubectl.
 */
let rig: KubeTargetRig;
let live: Environment;
let auth: Service;
const signal = (): AbortSignal => AbortSignal.timeout(10_000);

before(async () => {
  rig = await startKubeTarget(["live"]);
  live = quikappEnvironment(rig.platform, "live", { replicas: { min: 10, max: 10 }, minReadyMs: 0 });
  auth = rig.platform.services["auth-service"]!;
});

after(() => rig.close());

async function replicas(): Promise<Record<string, number>> {
  const list = await rig.kubectl.json<V1DeploymentList>([
    "get",
    "deployments",
    "-l",
    "app.kubernetes.io/name=auth-service",
  ]);
  return Object.fromEntries(list.items.map((d) => [d.metadata!.name!, d.spec!.replicas!]));
}

async function readyEndpoints(): Promise<string[]> {
  const e = await rig.kubectl.json<V1Endpoints>(["get", "endpoints", "auth-service"]);
  return (e.subsets ?? []).flatMap((s) => s.addresses ?? []).map((a) => a.targetRef?.name ?? "");
}

describe("traffic by replica ratio, without a Gateway", () => {
  it("splits by weights where a Gateway or the local router routes, by replica ratio on Kubernetes without one", () => {
    assert.equal(trafficSplit({ target: "kubernetes", gateway: undefined }), "replica ratio");
    assert.equal(trafficSplit({ target: "kubernetes", gateway: { name: "public", namespace: "gw" } }), "weights");
    assert.equal(trafficSplit({ target: "local", gateway: undefined }), "weights");
    assert.equal(rig.target.trafficSplit(live), "replica ratio");
    assert.equal(rig.target.trafficSplit({ ...live, gateway: { name: "public", namespace: "gw" } }), "weights");
  });

  it("rounds the stable side to the nearest replica, at least one, never more than it runs", () => {
    assert.equal(otherShare(1, 10, 10), 9, "1 canary pod at 10% beside 10: 9 stable");
    assert.equal(otherShare(1, 25, 3), 3, "1 canary pod at 25% beside 3: 3 stable");
    assert.equal(otherShare(3, 25, 10), 9, "3 canary pods at 25%: 9 stable");
    assert.equal(otherShare(5, 50, 10), 5);
    assert.equal(otherShare(9, 90, 10), 1, "at least one");
    assert.deepEqual(replicaShares({ 2: 10, 1: 90 }, { 1: 10, 2: 1 }), { 1: 9, 2: 1 });
    assert.deepEqual(replicaShares({ 1: 100 }, { 1: 10, 2: 1 }), { 1: 10, 2: 1 }, "all traffic: all replicas");
  });

  it("runs a canary at 10% of 10 replicas as 1 canary pod beside 9 stable ones, and gives the stable all 10 back", async () => {
    const one = await rig.revision(live, auth, "v1.0.0");
    await rig.target.ensureRevision(revisionRequest(live, auth, one, "v1.0.0", 10), signal());
    await rig.target.setWeights(live, auth, { [one]: 100 });
    const two = await rig.revision(live, auth, "v2.0.0");
    await rig.target.ensureRevision(revisionRequest(live, auth, two, "v2.0.0", 1), signal());
    await rig.target.setWeights(live, auth, { [two]: 10, [one]: 90 });
    assert.deepEqual(await replicas(), { [`auth-service-r${one}`]: 9, [`auth-service-r${two}`]: 1 });
    rig.double.advance(60_000);
    const pods = await readyEndpoints();
    assert.equal(pods.filter((p) => p.startsWith(`auth-service-r${two}-`)).length, 1, pods.join(", "));
    assert.equal(pods.filter((p) => p.startsWith(`auth-service-r${one}-`)).length, 9, pods.join(", "));
    const status = await rig.target.status(live, auth);
    assert.deepEqual(
      status.revisions.map((r) => [r.revision, r.desired]),
      [
        [one, 9],
        [two, 1],
      ],
    );

    // The revision the engine asked for again, mid-split, keeps its share.
    await rig.target.ensureRevision(revisionRequest(live, auth, one, "v1.0.0", 10), signal());
    assert.equal((await replicas())[`auth-service-r${one}`], 9);

    // An abort: all traffic back on the stable revision, which runs what it was asked again.
    await rig.target.setWeights(live, auth, { [one]: 100 });
    await rig.target.removeRevision(live, auth, two);
    assert.deepEqual(await replicas(), { [`auth-service-r${one}`]: 10 });
  });

  it("leaves the replicas alone where a Gateway splits the traffic by weights", async () => {
    const gated = { ...live, gateway: { name: "public", namespace: "gateway" } };
    const [one] = (await rig.target.status(live, auth)).revisions.map((r) => r.revision);
    const next = await rig.revision(live, auth, "v3.0.0");
    await rig.target.ensureRevision(revisionRequest(gated, auth, next, "v3.0.0", 1), signal());
    await rig.target.setWeights(gated, auth, { [next]: 10, [one!]: 90 });
    assert.deepEqual(await replicas(), { [`auth-service-r${one}`]: 10, [`auth-service-r${next}`]: 1 });
    await rig.target.setWeights(gated, auth, { [one!]: 100 });
    await rig.target.removeRevision(gated, auth, next);
  });
});
