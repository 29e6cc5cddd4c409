import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { V1Deployment, V2HorizontalPodAutoscaler } from "@kubernetes/client-node";
import { testPlatform } from "../engine/support.js";
import { drive, engineOn, SHOP_PLATFORM, startKubeTarget } from "./kubernetes-support.js";
import type { KubeEngine } from "./kubernetes-support.js";

/**
 * `quikship scale` through the engine and the kubernetes target on the Kubernetes API test double, of
 * a rolling service (its one Deployment `api`, see rolling.ts):
 * where a HorizontalPodAutoscaler owns the replicas it sets the HPA's minimum (and says so in the
 * run's log), else the Deployment's replicas.
 */
const WITH_HPA = SHOP_PLATFORM.replace(
  "replicas: { min: 2, max: 2 }",
  "replicas: { min: 2, max: 6 }\n    hpa: { enabled: true, cpuTargetUtilization: 70 }",
);
let plain: KubeEngine;
let scaled: KubeEngine;

before(async () => {
  plain = engineOn(await startKubeTarget(["dev"], { platform: testPlatform(SHOP_PLATFORM) }));
  scaled = engineOn(await startKubeTarget(["dev"], { platform: testPlatform(WITH_HPA) }));
});
after(() => Promise.all([plain.rig.close(), scaled.rig.close()]));

async function run(
  s: KubeEngine,
  request: { kind: "deploy"; params: { tag: string } } | { kind: "scale"; params: { replicas: number } },
) {
  const submitted = await s.engine.api.submit({ ...request, environment: "dev", services: ["api"] }, "alice");
  await drive(s, 12, 1_000);
  const view = await s.engine.api.get(submitted.id);
  assert.equal(view.status, "succeeded", JSON.stringify(view.error));
  return view;
}

const read = <T>(s: KubeEngine, kind: string, name: string): Promise<T> => s.rig.kubectl.json<T>(["get", kind, name]);

describe("scaling a revision on Kubernetes", () => {
  it("sets the Deployment's replicas where no autoscaler owns them", async () => {
    await run(plain, { kind: "deploy", params: { tag: "v1" } });
    const view = await run(plain, { kind: "scale", params: { replicas: 4 } });
    assert.equal((await read<V1Deployment>(plain, "deployment", "api")).spec?.replicas, 4);
    const step = view.stages.flatMap((st) => st.steps).find((st) => st.kind === "scale");
    assert.deepEqual(step?.output, { revision: 1, replicas: 4, autoscaler: null });
  });

  it("sets the HPA's minReplicas where the HPA owns the replicas, and says so", async () => {
    await run(scaled, { kind: "deploy", params: { tag: "v1" } });
    const before = await read<V2HorizontalPodAutoscaler>(scaled, "hpa", "api-hpa");
    assert.equal(before.spec?.scaleTargetRef.name, "api", "the HPA scales the rolling Deployment");
    assert.equal(before.spec?.minReplicas, 2);
    const view = await run(scaled, { kind: "scale", params: { replicas: 4 } });
    const hpa = await read<V2HorizontalPodAutoscaler>(scaled, "hpa", "api-hpa");
    assert.deepEqual([hpa.spec?.minReplicas, hpa.spec?.maxReplicas], [4, 6]);
    const deployment = await read<V1Deployment>(scaled, "deployment", "api");
    assert.equal(deployment.spec?.replicas, 4, "the HPA raised the Deployment to its new minimum");
    const step = view.stages.flatMap((st) => st.steps).find((st) => st.kind === "scale");
    assert.deepEqual(step?.output, { revision: 1, replicas: 4, autoscaler: "api-hpa" });
    const events = await scaled.engine.api.events(view.id, 0);
    const logs = events.flatMap((e) => (e.type === "log" ? [e.data.line] : []));
    assert.ok(
      logs.some((l) =>
        l.includes("the autoscaler api-hpa owns the replicas of revision 1: its minReplicas is now 4 (max 6)"),
      ),
      logs.join("\n"),
    );
  });
});
