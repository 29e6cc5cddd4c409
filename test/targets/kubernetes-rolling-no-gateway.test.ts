import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { V1Deployment, V1Endpoints, V1PodList, V1Service } from "@kubernetes/client-node";
import { previewDeploy } from "../../src/api/preview.js";
import { testPlatform } from "../engine/support.js";
import { drive, engineOn, SHOP_PLATFORM, startKubeTarget } from "./kubernetes-support.js";
import type { KubeEngine } from "./kubernetes-support.js";

/**
 * A native rolling update where the environment has no Gateway, watched in the middle of the
 * roll on the double's simulated controllers and clock: three replicas, one surged at a time
 * (maxSurge 1, maxUnavailable 0), pods ready 5 s after they start. Meanwhile the stable Service
 * `api` selects every pod of the Deployment, so both revisions' ready pods serve behind it;
 * preview and explain say the Deployment controller rolls it.
 */
const PLATFORM = SHOP_PLATFORM.replace("replicas: { min: 2, max: 2 }", "replicas: { min: 3, max: 3 }");
const REVISION = "quikship.io/revision";

let s: KubeEngine;

before(async () => {
  s = engineOn(await startKubeTarget(["dev"], { platform: testPlatform(PLATFORM), podStartMs: 5_000 }));
});
after(() => s.rig.close());

const dev = () => s.rig.platform.environments.dev!;
const api = () => s.rig.platform.services.api!;

function submit(tag: string): Promise<{ id: string }> {
  return s.engine.api.submit({ kind: "deploy", environment: "dev", services: ["api"], params: { tag } }, "alice");
}

/** The revision of each pod the Endpoints `api` serves (ready), and of each it lists not ready. */
async function endpoints(): Promise<{ serving: string[]; notReady: string[] }> {
  const pods = await s.rig.kubectl.json<V1PodList>(["get", "pods", "-l", "app.kubernetes.io/name=api"]);
  const revision = new Map(pods.items.map((p) => [p.metadata?.name, p.metadata?.labels?.[REVISION] ?? "?"]));
  const e = await s.rig.kubectl.json<V1Endpoints>(["get", "endpoints", "api"]);
  const of = (list: { targetRef?: { name?: string } }[] | undefined): string[] =>
    (list ?? []).map((a) => revision.get(a.targetRef?.name) ?? "?").sort();
  return { serving: of(e.subsets?.[0]?.addresses), notReady: of(e.subsets?.[0]?.notReadyAddresses) };
}

describe("a native rolling update without a Gateway, in the middle of the roll", () => {
  it("needs no Gateway: preview says the Deployment controller rolls it", () => {
    const target = s.rig.target;
    assert.equal(target.trafficSplit(dev()), "replica ratio");
    const view = previewDeploy({
      platform: s.rig.platform,
      environment: dev(),
      services: [api()],
      tag: "v2",
      active: [],
      locks: [],
      nowMs: s.clock.now(),
      traffic: target.trafficSplit(dev()),
      rollsOut: (service) => target.rollsOut(dev(), service),
    });
    assert.equal(view.services[0]?.strategy.traffic, "deployment controller");
  });

  it("serves both revisions' pods behind the stable Service, which selects every pod of the Deployment", async () => {
    const first = await submit("v1");
    await drive(s, 12, 1_000);
    assert.equal((await s.engine.api.get(first.id)).status, "succeeded");
    assert.deepEqual(await endpoints(), { serving: ["1", "1", "1"], notReady: [] });

    const second = await submit("v2");
    await drive(s, 0, 0);
    // The surge pod of revision 2 starts; once ready (5 s), the controller takes one of revision 1 away and surges again.
    let mid = await endpoints();
    for (let i = 0; i < 12 && !(mid.serving.includes("1") && mid.serving.includes("2")); i++) {
      await drive(s, 1, 1_000);
      mid = await endpoints();
    }
    assert.ok(mid.serving.includes("1") && mid.serving.includes("2"), `both revisions serve: ${JSON.stringify(mid)}`);
    assert.equal(mid.serving.length, 3, "maxUnavailable 0: never fewer than three serving");

    const d = await s.rig.kubectl.json<V1Deployment>(["get", "deployment", "api"]);
    const service = await s.rig.kubectl.json<V1Service>(["get", "service", "api"]);
    assert.equal(service.spec?.selector?.[REVISION], undefined, "no revision in the stable selector while it rolls");
    // Every pod of the Deployment carries the Service's selector, and no other pod does.
    const byDeployment = await s.rig.kubectl.json<V1PodList>([
      "get",
      "pods",
      "-l",
      Object.entries(d.spec?.selector.matchLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(","),
    ]);
    const byService = await s.rig.kubectl.json<V1PodList>([
      "get",
      "pods",
      "-l",
      Object.entries(service.spec?.selector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(","),
    ]);
    const names = (l: V1PodList) => l.items.map((p) => p.metadata?.name).sort();
    assert.deepEqual(names(byService), names(byDeployment));
    assert.deepEqual(new Set(byDeployment.items.map((p) => p.metadata?.labels?.[REVISION])), new Set(["1", "2"]));

    const status = await s.rig.target.status(dev(), api());
    assert.deepEqual(
      status.revisions.map((r) => r.revision).sort(),
      [1, 2],
      "status shows both revisions while they roll",
    );
    assert.equal((await s.engine.api.get(second.id)).status, "waiting");
    const explained = await s.engine.api.explain(second.id);
    assert.match(
      JSON.stringify(explained),
      /rolling out api revision 2 by the Deployment controller: [12]\/3 ready; /,
      JSON.stringify(explained),
    );
  });

  it("selects revision 2 alone once the roll is complete", async () => {
    await drive(s, 20, 1_000);
    assert.deepEqual(await endpoints(), { serving: ["2", "2", "2"], notReady: [] });
    const service = await s.rig.kubectl.json<V1Service>(["get", "service", "api"]);
    assert.equal(service.spec?.selector?.[REVISION], "2");
  });
});
