import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ServiceStatus } from "../targets/target.js";
import { serviceStatus } from "./status.js";
import type { ActiveRevision, TargetAnswer } from "./status.js";

const active: ActiveRevision = {
  service: "web",
  number: 3,
  tag: "v1.0.0",
  digest: null,
  replicas: 2,
  activatedAt: 1000,
};

function running(...revisions: [revision: number, desired: number, ready: number, restarts?: number][]): TargetAnswer {
  const status: ServiceStatus = {
    environment: "dev",
    service: "web",
    revisions: revisions.map(([revision, desired, ready, restarts]) => ({
      revision,
      tag: `t${revision}`,
      desired,
      ready,
      restarts: restarts ?? 0,
      instances: [],
    })),
    weights: Object.fromEntries(revisions.map(([revision]) => [String(revision), 100 / revisions.length])),
  };
  return { ok: true, status };
}

const health = (a: ActiveRevision | undefined, answer: TargetAnswer) => {
  const s = serviceStatus("web", a, answer, undefined);
  return [s.health, s.message, s.desired, s.ready];
};

describe("the health of a service", () => {
  it("is healthy when every wanted instance is ready", () => {
    assert.deepEqual(health(active, running([3, 2, 2])), ["healthy", null, 2, 2]);
  });

  it("is degraded when some are, and down when none is", () => {
    assert.deepEqual(health(active, running([3, 2, 1])), ["degraded", "1 of 2 instances ready", 2, 1]);
    assert.deepEqual(health(active, running([3, 2, 0, 4])), ["down", "none of 2 instances ready", 2, 0]);
  });

  it("counts every revision a rollout runs, with the surge", () => {
    assert.deepEqual(health(active, running([3, 2, 2], [4, 1, 0])), ["degraded", "2 of 3 instances ready", 3, 2]);
  });

  it("counts an active revision the target does not run as wanted and not ready", () => {
    assert.deepEqual(health(active, running()), ["down", "none of 2 instances ready", 2, 0]);
  });

  it("is down when scaled to zero", () => {
    assert.deepEqual(health(active, running([3, 0, 0])), ["down", "scaled to 0 replicas", 0, 0]);
  });

  it("is not-deployed without an active revision, whatever the target says", () => {
    assert.deepEqual(health(undefined, running([1, 1, 0])), ["not-deployed", null, 1, 0]);
    assert.deepEqual(health(undefined, { ok: false, message: "no agent" }), ["not-deployed", null, null, null]);
  });

  it("is unknown, with the target's message, when the target cannot answer", () => {
    assert.deepEqual(health(active, { ok: false, message: "the kubernetes target is not available" }), [
      "unknown",
      "the kubernetes target is not available",
      null,
      null,
    ]);
  });
});

describe("a service's status", () => {
  it("shows the active revision, what the target runs and its weights, and the rollout in progress", () => {
    const s = serviceStatus("web", active, running([3, 2, 2, 1], [4, 1, 1]), {
      id: "r9",
      kind: "deploy",
      status: "running",
      services: ["web"],
    });
    assert.deepEqual(s, {
      service: "web",
      revision: 3,
      tag: "v1.0.0",
      digest: null,
      activatedAt: 1000,
      desired: 3,
      ready: 3,
      restarts: 1,
      weights: { "3": 50, "4": 50 },
      revisions: [
        { revision: 3, tag: "t3", desired: 2, ready: 2, restarts: 1, problems: [] },
        { revision: 4, tag: "t4", desired: 1, ready: 1, restarts: 0, problems: [] },
      ],
      health: "healthy",
      message: null,
      rolloutInProgress: { runId: "r9", kind: "deploy", status: "running" },
    });
  });

  it("names what the target sees wrong when a service is degraded: a Deployment condition, a crash loop", () => {
    const answer = running([3, 2, 1, 4]);
    if (!answer.ok) throw new Error("unreachable");
    const crash = "pod web-r3-abc container web: CrashLoopBackOff, 4 restarts, last exit 1 (Error)";
    answer.status.revisions[0]!.problems = ["Deployment web-r3 Available False (MinimumReplicasUnavailable)", crash];
    const s = serviceStatus("web", active, answer, undefined);
    assert.equal(s.health, "degraded");
    assert.equal(
      s.message,
      `1 of 2 instances ready; Deployment web-r3 Available False (MinimumReplicasUnavailable); ${crash}`,
    );
    assert.deepEqual(s.revisions[0]?.problems, answer.status.revisions[0]!.problems);
  });
});
