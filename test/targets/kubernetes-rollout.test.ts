import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testPlatform } from "../engine/support.js";
import { revisionRequest, SHOP_PLATFORM, startKubeTarget } from "./kubernetes-support.js";
import type { KubeTargetRig } from "./kubernetes-support.js";

/**
 * How the engine's rollout step judges a native rolling update: `rolloutProgress`, one read of the
 * service's rolling Deployment judged as `kubectl rollout status` judges it, on the double's
 * simulated controller and clock (minReady 30s, progressDeadline 60s).
 */
const PLATFORM = SHOP_PLATFORM.replace("minReady: 0s", "minReady: 30s");

let rig: KubeTargetRig;

before(async () => {
  rig = await startKubeTarget(["dev"], { platform: testPlatform(PLATFORM) });
});
after(() => rig.close());

async function rollOut(tag: string): Promise<number> {
  const dev = rig.platform.environments.dev!;
  const api = rig.platform.services.api!;
  const revision = await rig.revision(dev, api, tag);
  await rig.target.rollOut(revisionRequest(dev, api, revision, tag, 2), AbortSignal.timeout(5_000));
  return revision;
}

const progress = (revision: number) =>
  rig.target.rolloutProgress(rig.platform.environments.dev!, rig.platform.services.api!, revision);

describe("judging a rolling Deployment's rollout (rolloutProgress)", () => {
  it("is progressing until minReadySeconds pass on the cluster's clock, then complete", async () => {
    const first = await rollOut("v1");
    rig.double.advance(1_000);
    assert.equal((await progress(first)).state, "progressing");
    rig.double.advance(30_000);
    assert.deepEqual(await progress(first), {
      state: "complete",
      message: 'deployment "api" successfully rolled out',
    });
  });

  it("fails when the Progressing condition says the deadline passed (ProgressDeadlineExceeded)", async () => {
    const second = await rollOut("v2-crash");
    rig.double.advance(1_000);
    assert.equal((await progress(second)).state, "progressing");
    rig.double.advance(61_000);
    assert.deepEqual(await progress(second), {
      state: "failed",
      message: 'deployment "api" exceeded its progress deadline',
    });
  });

  it("fails naming the revision the Deployment was since given", async () => {
    const third = await rollOut("v3");
    assert.deepEqual(await progress(third - 1), {
      state: "failed",
      message: `the Deployment api was since given revision ${third}`,
    });
  });
});
