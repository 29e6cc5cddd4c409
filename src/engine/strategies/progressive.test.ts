import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Environment, Service } from "../../config/types.js";
import { CANARY_WATCH_MS, canaryReplicas, canaryWeights, countersSince, effectiveStrategy } from "./progressive.js";

const rolling = { type: "rolling", maxSurge: 1, maxUnavailable: 0 } as const;
const env = (strategy: Environment["strategy"], replicas = 3): Environment =>
  ({ strategy, replicas: { min: replicas, max: replicas } }) as Environment;
const svc = (strategy?: Service["strategy"]): Service => ({ strategy }) as Service;
const counters = (requests: number, errors: number, counts: number[]) => ({
  requests,
  errors,
  latency: { le: [100, 500], counts, sumMs: requests * 10 },
});

describe("progressive strategies", () => {
  it("takes the service's strategy over the environment's", () => {
    const blueGreen = {
      type: "blue-green",
      previewAnalysisMs: 1,
      postSwitchAnalysisMs: 1,
      standbyMs: 1,
      mirrorPercent: 100,
    } as const;
    assert.equal(effectiveStrategy(env(rolling), svc(blueGreen)).type, "blue-green");
    assert.equal(effectiveStrategy(env(blueGreen), svc()).type, "blue-green");
  });

  it("--canary: the environment's canary plan, else one canary instance watched for 5 minutes", () => {
    const plan: Environment["strategy"] = {
      type: "canary",
      plan: "p",
      steps: [
        { weight: 5, bakeMs: 1 },
        { weight: 100, bakeMs: 0 },
      ],
    };
    assert.deepEqual(effectiveStrategy(env(plan), svc(rolling), "canary"), plan);
    assert.deepEqual(effectiveStrategy(env(rolling, 3), svc(), "canary"), {
      type: "canary",
      plan: undefined,
      steps: [
        { weight: 25, bakeMs: CANARY_WATCH_MS },
        { weight: 100, bakeMs: 0 },
      ],
    });
  });

  it("runs at least one canary instance and never more than the replicas", () => {
    assert.equal(canaryReplicas(10, 5), 1);
    assert.equal(canaryReplicas(10, 25), 3);
    assert.equal(canaryReplicas(3, 100), 3);
    assert.equal(canaryReplicas(0, 50), 1);
    assert.deepEqual(canaryWeights(2, 1, { weight: 5, bakeMs: 0 }), { 2: 5, 1: 95 });
    assert.deepEqual(canaryWeights(2, 1, { weight: 100, bakeMs: 0 }), { 2: 100 });
  });

  it("counts what happened since a baseline, and everything after a counter went down", () => {
    assert.deepEqual(countersSince(counters(150, 7, [100, 140]), counters(100, 5, [70, 95])), {
      requests: 50,
      errors: 2,
      latency: { le: [100, 500], counts: [30, 45], sumMs: 500 },
    });
    const restarted = counters(20, 1, [10, 20]);
    assert.deepEqual(countersSince(restarted, counters(100, 5, [70, 95])), restarted);
    assert.deepEqual(countersSince(restarted, null), restarted);
  });
});
