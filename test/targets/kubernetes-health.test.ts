import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { testPlatform } from "../engine/support.js";
import { drive, engineOn, SHOP_PLATFORM, startKubeTarget } from "./kubernetes-support.js";
import type { KubeEngine, KubeTargetRig } from "./kubernetes-support.js";

/**
 * A revision's health as the Deployment and its pods tell it, through the kubernetes target on
 * the Kubernetes API test double: the conditions and crash loops in `status`, and the engine's
 * rollout failing with the Deployment's own words.
 */

const rigs: KubeTargetRig[] = [];
after(() => Promise.all(rigs.map((r) => r.close())));

async function setUp(podStartMs: number): Promise<KubeEngine> {
  const rig = await startKubeTarget(["dev"], { platform: testPlatform(SHOP_PLATFORM), podStartMs });
  rigs.push(rig);
  return engineOn(rig);
}

describe("health from the Deployment's conditions and its pods", () => {
  it("reports a crash-looping revision's CrashLoopBackOff and restarts in status, and fails the rollout naming them", async () => {
    const s = await setUp(0);
    const run = await s.engine.api.submit(
      { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1-crash" } },
      "alice",
    );
    await s.engine.worker.drain();
    s.rig.double.advance(15_000);
    const dev = s.rig.platform.environments.dev!;
    const status = await s.rig.target.status(dev, s.rig.platform.services.api!);
    const problems = status.revisions[0]?.problems ?? [];
    assert.ok(
      problems.some((p) => /^pod api-\S+ container api: CrashLoopBackOff, 1 restart/.test(p)),
      problems.join("\n"),
    );
    assert.ok(
      problems.some((p) => /^Deployment api Available False \(MinimumReplicasUnavailable\)/.test(p)),
      problems.join("\n"),
    );
    await drive(s, 4, 1_000);
    const view = await s.engine.api.get(run.id);
    assert.equal(view.status, "failed");
    assert.match(
      view.error?.message ?? "",
      /failed its health checks in dev: an instance crashed \(\d+ restarts?: pod api-\S+ container api: CrashLoopBackOff/,
    );
  });

  it("fails a rollout whose Deployment exceeds its progress deadline, naming the Progressing condition's message", async () => {
    const s = await setUp(3_600_000);
    const run = await s.engine.api.submit(
      { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1" } },
      "alice",
    );
    // The cluster's clock passes the 60 s deadline while the engine's stays well inside its own.
    await drive(s, 8, 10_000);
    const view = await s.engine.api.get(run.id);
    assert.equal(view.status, "failed", JSON.stringify(view.error));
    assert.match(
      view.error?.message ?? "",
      /the rollout failed: Deployment api Progressing False \(ProgressDeadlineExceeded\): ReplicaSet "api-\S+" has timed out progressing\./,
    );
  });
});
