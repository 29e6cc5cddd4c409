import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testPlatform } from "../engine/support.js";
import { GatewayListener } from "../kube/double/gateway.js";
import { drive, engineOn, SHOP_PLATFORM, startKubeTarget } from "./kubernetes-support.js";
import type { KubeEngine } from "./kubernetes-support.js";

/**
 * A blue-green deploy through the engine and the kubernetes target on the Kubernetes API test
 * double: without a Gateway, by Service selector, the check before the switch skipped with its
 * reason in the run's log; with a Gateway, the check asks the environment's url and aborts the
 * switch when the preview answers an error.
 */
const BLUE_GREEN = SHOP_PLATFORM.replace(
  "strategy: { type: rolling, maxSurge: 1, maxUnavailable: 0 }",
  "strategy: { type: blue-green, previewAnalysis: 2s, postSwitchAnalysis: 2s, standby: 10m }",
).concat("analysis:\n  judgement: { minSampleRequests: 20, confidence: 0.99, inconclusive: promote }\n");
const gatewayed = (url: string): string =>
  BLUE_GREEN.replace(
    "    minReady: 0s\n",
    `    minReady: 0s\n    gateway: { name: public, namespace: gateway }\n    url: ${url}\n`,
  );

let plain: KubeEngine;
let gated: KubeEngine;
let gateway: GatewayListener;

before(async () => {
  plain = engineOn(await startKubeTarget(["dev"], { platform: testPlatform(BLUE_GREEN) }));
  // The Gateway's address is only known once it listens: the platform naming it is written then.
  const rig = await startKubeTarget(["dev"], { platform: testPlatform(BLUE_GREEN) });
  gateway = new GatewayListener(rig.double.cluster, { name: "public", namespace: "gateway" });
  rig.platform = testPlatform(gatewayed(await gateway.listen()));
  gated = engineOn(rig);
});
after(async () => {
  await gateway.close();
  await Promise.all([plain.rig.close(), gated.rig.close()]);
});

async function submit(s: KubeEngine, kind: "deploy" | "rollback", tag?: string): Promise<string> {
  const params = tag ? { tag } : {};
  return (await s.engine.api.submit({ kind, environment: "dev", services: ["api"], params } as never, "alice")).id;
}

const selected = (s: KubeEngine): Promise<string> =>
  s.rig.kubectl.ok(["get", "svc", "api", "-o", "jsonpath={.spec.selector.quikship\\.io/revision}"]);

async function logLines(s: KubeEngine, id: string): Promise<string[]> {
  const events = await s.engine.api.events(id, 0);
  return events.flatMap((e) => (e.type === "log" ? [e.data.line] : []));
}

describe("blue-green on Kubernetes through the engine", () => {
  it("switches by Service selector without a Gateway, says why the preview was not checked, and switches back on rollback", async () => {
    const blue = await submit(plain, "deploy", "v1");
    await drive(plain, 8, 1_000);
    assert.equal((await plain.engine.api.get(blue)).status, "succeeded");
    assert.equal(await selected(plain), "1");

    const green = await submit(plain, "deploy", "v2");
    await drive(plain, 4, 1_000);
    const waiting = await plain.engine.api.explain(green);
    assert.match(waiting.waiting?.message ?? "", /on the preview route beside revision 1 by Service selector/);
    assert.equal(await selected(plain), "1", "before the switch the old colour has the traffic");
    await drive(plain, 30, 1_000);
    const view = await plain.engine.api.get(green);
    assert.equal(view.status, "succeeded", JSON.stringify(view.error));
    assert.equal(await selected(plain), "2");
    const lines = await logLines(plain, green);
    assert.ok(
      lines.some((l) => l.includes("on the preview route beside revision 1; 0% of reads mirrored")),
      "nothing mirrors reads by Service selector",
    );
    assert.ok(
      lines.includes(
        "api in dev: no check of the preview before the switch: dev has no gateway: the preview is the preview revision's own Service, which nothing outside the cluster reaches",
      ),
    );

    const back = await submit(plain, "rollback");
    await drive(plain, 8, 1_000);
    assert.equal((await plain.engine.api.get(back)).status, "succeeded");
    assert.equal(await selected(plain), "1");
  });

  it("aborts the switch when the preview answers its health path at the environment's url with an error", async () => {
    const blue = await submit(gated, "deploy", "v1");
    await drive(gated, 8, 1_000);
    assert.equal((await gated.engine.api.get(blue)).status, "succeeded");
    const bad = await submit(gated, "deploy", "v2-bad");
    await drive(gated, 12, 1_000);
    const view = await gated.engine.api.get(bad);
    assert.equal(view.status, "failed");
    assert.match(
      view.error?.message ?? "",
      /blue-green preview of api revision 2 \(v2-bad\) in dev aborted: the pre-switch check GET http:\/\/localhost:\d+\/api\/health \(x-quikship-preview: 1\) through the Gateway to api-r2 answered 500; all traffic back on revision 1/,
    );
    const ok = await submit(gated, "deploy", "v3");
    await drive(gated, 30, 1_000);
    const passed = await gated.engine.api.get(ok);
    assert.equal(passed.status, "succeeded", JSON.stringify(passed.error));
  });
});
