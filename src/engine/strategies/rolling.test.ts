import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ServiceStatus } from "../../targets/types.js";
import { decideRolling } from "./rolling.js";

function status(revisions: [revision: number, desired: number, ready: number][]): ServiceStatus {
  return {
    environment: "dev",
    service: "api",
    revisions: revisions.map(([revision, desired, ready]) => ({
      revision,
      tag: `v${revision}`,
      desired,
      ready,
      restarts: 0,
      instances: [],
    })),
    weights: {},
  };
}

describe("decideRolling", () => {
  it("starts the new revision within the surge while the old one keeps all traffic", () => {
    const d = decideRolling({
      newRevision: 2,
      replicas: 3,
      maxSurge: 1,
      maxUnavailable: 0,
      status: status([
        [1, 3, 3],
        [2, 0, 0],
      ]),
      stableNew: 0,
    });
    assert.deepEqual(d, { action: "progress", newDesired: 1, scaleOld: [], weights: { 1: 100 } });
  });

  it("moves traffic in proportion to proven instances and shrinks the old revision only by what is proven", () => {
    const d = decideRolling({
      newRevision: 2,
      replicas: 3,
      maxSurge: 1,
      maxUnavailable: 0,
      status: status([
        [1, 3, 3],
        [2, 1, 1],
      ]),
      stableNew: 1,
    });
    assert.equal(d.action, "progress");
    if (d.action !== "progress") return;
    assert.deepEqual(d.scaleOld, [{ revision: 1, replicas: 2 }]);
    assert.deepEqual(d.weights, { 2: (100 * 1) / 3, 1: (100 * 2) / 3 });
  });

  it("gives no traffic to old instances it is about to stop", () => {
    const d = decideRolling({
      newRevision: 2,
      replicas: 1,
      maxSurge: 1,
      maxUnavailable: 0,
      status: status([
        [1, 1, 1],
        [2, 1, 1],
      ]),
      stableNew: 1,
    });
    assert.equal(d.action, "progress");
    if (d.action !== "progress") return;
    assert.deepEqual(d.scaleOld, [{ revision: 1, replicas: 0 }]);
    assert.deepEqual(d.weights, { 2: 100 });
  });

  it("never goes below replicas − maxUnavailable available instances", () => {
    const d = decideRolling({
      newRevision: 2,
      replicas: 4,
      maxSurge: 0,
      maxUnavailable: 1,
      status: status([
        [1, 4, 4],
        [2, 0, 0],
      ]),
      stableNew: 0,
    });
    assert.equal(d.action, "progress");
    if (d.action !== "progress") return;
    assert.deepEqual(d.scaleOld, [{ revision: 1, replicas: 3 }]);
    assert.equal(d.newDesired, 0, "no surge: the new revision waits for room");
    const next = decideRolling({
      newRevision: 2,
      replicas: 4,
      maxSurge: 0,
      maxUnavailable: 1,
      status: status([
        [1, 3, 3],
        [2, 0, 0],
      ]),
      stableNew: 0,
    });
    assert.equal(next.action === "progress" && next.newDesired, 1);
    assert.deepEqual(next.action === "progress" && next.scaleOld, [], "3 available is the floor");
  });

  it("is done when the new revision is proven at full size and nothing old runs", () => {
    assert.deepEqual(
      decideRolling({
        newRevision: 2,
        replicas: 2,
        maxSurge: 1,
        maxUnavailable: 0,
        status: status([
          [1, 0, 0],
          [2, 2, 2],
        ]),
        stableNew: 2,
      }),
      {
        action: "done",
        weights: { 2: 100 },
        remove: [],
      },
    );
  });

  it("sends a first deployment's traffic to it as soon as it is proven", () => {
    assert.deepEqual(
      decideRolling({
        newRevision: 1,
        replicas: 1,
        maxSurge: 1,
        maxUnavailable: 0,
        status: status([[1, 1, 1]]),
        stableNew: 1,
      }).action,
      "done",
    );
  });
});
