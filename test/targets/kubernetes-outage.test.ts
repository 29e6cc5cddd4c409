import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { testPlatform } from "../engine/support.js";
import { drive, engineOn, SHOP_PLATFORM, startKubeTarget } from "./kubernetes-support.js";
import type { KubeEngine, KubeTargetRig } from "./kubernetes-support.js";

/**
 * The API server going away mid-rollout: the Kubernetes API test double stops answering (its port
 * closed, its state kept) while the engine rolls a revision out through the kubernetes target.
 */
const rigs: KubeTargetRig[] = [];
after(() => Promise.all(rigs.map((r) => r.close())));

async function setUp(): Promise<KubeEngine> {
  const rig = await startKubeTarget(["dev"], { platform: testPlatform(SHOP_PLATFORM), podStartMs: 5_000 });
  rigs.push(rig);
  return engineOn(rig);
}

const deploy = (s: KubeEngine, tag: string) =>
  s.engine.api.submit({ kind: "deploy", environment: "dev", services: ["api"], params: { tag } }, "alice");

describe("an API server that stops answering mid-rollout", () => {
  it("waits with a retryable error naming the server, and finishes the rollout once the server answers again", async () => {
    const s = await setUp();
    const run = await deploy(s, "v1");
    await drive(s, 2, 1_000);
    assert.equal((await s.engine.api.get(run.id)).status, "waiting");
    await s.rig.double.stop();
    await drive(s, 3, 0, 1_000);
    const waiting = await s.engine.api.get(run.id);
    assert.equal(waiting.status, "waiting");
    const message = waiting.waitReason?.message ?? "";
    assert.match(message, /^retrying rollout\/api \(failure \d of at most 5\): environment dev \(context dev\): /);
    assert.ok(message.includes(`the Kubernetes API server at ${s.rig.double.url} could not be reached`), message);

    await s.rig.double.resume();
    await drive(s, 12, 1_000, 2_000);
    const done = await s.engine.api.get(run.id);
    assert.equal(done.status, "succeeded", JSON.stringify(done.error));
    const status = await s.rig.target.status(s.rig.platform.environments.dev!, s.rig.platform.services.api!);
    assert.deepEqual(
      status.revisions.map((r) => [r.revision, r.desired, r.ready]),
      [[1, 2, 2]],
      "one revision, applied once, at its size",
    );
  });

  it("fails the rollout after its retries, naming the server, when it never answers again", async () => {
    const s = await setUp();
    const run = await deploy(s, "v1");
    await drive(s, 2, 1_000);
    await s.rig.double.stop();
    await drive(s, 20, 0, 5_000);
    const failed = await s.engine.api.get(run.id);
    assert.equal(failed.status, "failed");
    assert.equal(failed.error?.step, "rollout/api");
    assert.match(
      failed.error?.message ?? "",
      new RegExp(
        `^environment dev \\(context dev\\): .*the Kubernetes API server at ${s.rig.double.url} could not be reached`,
      ),
    );
  });
});
