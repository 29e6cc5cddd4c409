import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ServiceStatus } from "../../targets/target.js";
import { readyShares } from "./rollout-native.js";

const status = (ready: Record<number, number>, weights: Record<string, number>): ServiceStatus => ({
  environment: "dev",
  service: "api",
  revisions: Object.entries(ready).map(([revision, n]) => ({
    revision: Number(revision),
    tag: `v${revision}`,
    desired: n,
    ready: n,
    restarts: 0,
    instances: [],
  })),
  weights,
  preview: null,
  guard: null,
});

describe("the route's weights while a Deployment rolls", () => {
  it("follows each revision's ready pods in whole percents adding up to 100", () => {
    assert.deepEqual(readyShares(status({ 1: 3, 2: 1 }, { 1: 100 }), 2), { 1: 75, 2: 25 });
    assert.deepEqual(readyShares(status({ 1: 2, 2: 1 }, { 1: 100 }), 2), { 1: 67, 2: 33 });
    assert.deepEqual(readyShares(status({ 1: 1, 2: 1, 3: 1 }, { 1: 100 }), 3), { 1: 33, 2: 33, 3: 34 });
  });

  it("keeps the route while nothing is ready, and sends a first revision everything", () => {
    assert.equal(readyShares(status({ 1: 0, 2: 0 }, { 1: 100 }), 2), null);
    assert.deepEqual(readyShares(status({ 1: 0 }, {}), 1), { 1: 100 });
  });
});
