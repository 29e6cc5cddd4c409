import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Analysis } from "../config/types.js";
import { judgeCanary, type CanaryTraffic, type Decision, type JudgeInput, type Traffic } from "./judge.js";

/** Latency buckets as a router counts them (upper bounds in ms). */
const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 200, 300, 500, 750, 1000, 2500, 5000] as const;

// The thresholds and judgement of examples/quikapp/analysis.yaml (seed 004).
const thresholds: Analysis["thresholds"] = {
  latencyP99Ms: { warning: 200, critical: 500 },
  errorRatePercent: { warning: 0.5, critical: 1 },
  cpuPercent: { warning: 70, critical: 85 },
  memoryPercent: { warning: 75, critical: 90 },
  podRestarts: { warning: 2, critical: 5, perMs: 3_600_000 },
};
const judgement: Analysis["judgement"] = { minSampleRequests: 100, confidence: 0.99, inconclusive: "pause" };

/** Counters kept the way the router keeps them: cumulative over its latency bounds. */
class Counter implements Traffic {
  requests = 0;
  errors = 0;
  latency = { le: [...LATENCY_BUCKETS_MS] as number[], counts: LATENCY_BUCKETS_MS.map(() => 0), sumMs: 0 };

  record(status: number, latencyMs: number): void {
    this.requests++;
    if (status >= 500) this.errors++;
    this.latency.sumMs += latencyMs;
    this.latency.le.forEach((bound, i) => {
      if (latencyMs <= bound) this.latency.counts[i]!++;
    });
  }
}

function counter(requests: number, errors: number, latencyMs = 20): Counter {
  const c = new Counter();
  for (let i = 0; i < requests; i++) c.record(i < errors ? 500 : 200, latencyMs);
  return c;
}

const canaryOf = (traffic: Traffic, extra: Partial<CanaryTraffic> = {}): CanaryTraffic => ({
  ...traffic,
  restarts: 0,
  ...extra,
});

function judge(canary: CanaryTraffic, stable: Traffic, overrides: Partial<JudgeInput> = {}) {
  return judgeCanary({ canary, stable, thresholds, judgement, atBakeEnd: false, ...overrides });
}

/** mulberry32: a small seeded PRNG, so every simulated canary is reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Revision {
  errorRate: number;
  latencyMs: (random: () => number) => number;
}
const healthy: Revision = { errorRate: 0.001, latencyMs: (random) => 10 + 60 * random() };

/**
 * Traffic split at `weightPercent` to the canary, judged after every canary request (continuous
 * judgement) until a decision other than continue or `maxCanaryRequests`.
 */
function simulate(seed: number, canary: Revision, stable: Revision, maxCanaryRequests: number, weightPercent = 5) {
  const random = prng(seed);
  const c = new Counter();
  const s = new Counter();
  let decision: Decision = "continue";
  let firstPassAt: number | undefined;
  while (c.requests < maxCanaryRequests) {
    const toCanary = random() * 100 < weightPercent;
    const revision = toCanary ? canary : stable;
    (toCanary ? c : s).record(random() < revision.errorRate ? 500 : 200, revision.latencyMs(random));
    if (!toCanary) continue;
    decision = judge(canaryOf(c), s).decision;
    if (decision === "pass") firstPassAt ??= c.requests;
    if (decision === "abort" || decision === "pause") break;
  }
  return { decision, firstPassAt, canaryRequests: c.requests, canary: c, stable: s };
}

describe("judgeCanary", () => {
  it("passes a healthy canary once the error test accepts and the minimum sample is served", () => {
    const run = simulate(1, healthy, healthy, 2000);
    assert.equal(run.decision, "pass");
    // Zero errors need 913 requests to accept H0 at 0.5% vs 1%, α = β = 1%; each error costs ~138 more.
    assert.ok(
      run.firstPassAt !== undefined && run.firstPassAt >= 913 && run.firstPassAt <= 1500,
      String(run.firstPassAt),
    );
    assert.equal(judge(canaryOf(counter(912, 0)), counter(10_000, 10)).decision, "continue");
    assert.equal(judge(canaryOf(counter(913, 0)), counter(10_000, 10)).decision, "pass");
  });

  it("continues after one error in five requests", () => {
    const verdict = judge(canaryOf(counter(5, 1)), counter(95, 0));
    assert.equal(verdict.decision, "continue");
  });

  it("aborts a canary answering 30% 500s within 40 of its requests (4 s at 5% of 200 req/s), in each of 500 seeds", () => {
    const bad: Revision = { errorRate: 0.3, latencyMs: healthy.latencyMs };
    const needed: number[] = [];
    for (let seed = 1; seed <= 500; seed++) {
      const run = simulate(seed, bad, healthy, 1000);
      assert.equal(run.decision, "abort", `seed ${seed}`);
      needed.push(run.canaryRequests);
    }
    needed.sort((a, b) => a - b);
    // Measured over 2,000 seeds: fewest 2, median 7, 99th percentile 25, most 32 (with the
    // critical-rate SPRT alone: median 22, most 65). It takes at least two errors.
    const [fewest, median, most] = [needed[0]!, needed[Math.floor(needed.length / 2)]!, needed[needed.length - 1]!];
    assert.ok(fewest >= 2, `fewest requests to abort: ${fewest}`);
    assert.ok(median <= 10, `median requests to abort: ${median}`);
    assert.ok(most <= 40, `most requests to abort: ${most}`);
  });

  it("does not abort the canary when stable and canary both answer 30% 500s, and pauses at bake end", () => {
    const spike: Revision = { errorRate: 0.3, latencyMs: healthy.latencyMs };
    for (let seed = 1; seed <= 50; seed++) {
      const run = simulate(seed, spike, spike, 400);
      assert.notEqual(run.decision, "abort", `seed ${seed}`);
      if (seed === 1) {
        const end = judge(canaryOf(run.canary), run.stable, { atBakeEnd: true });
        assert.equal(end.decision, "pause");
        assert.match(end.reasons.join("\n"), /platform-wide/);
      }
    }
  });

  it("blames the canary alone when the stable served nothing to compare with", () => {
    const verdict = judge(canaryOf(counter(10, 7)), counter(0, 0));
    assert.equal(verdict.decision, "abort");
    assert.equal(verdict.evidence.blameLlr, null);
  });

  it("aborts a canary answering in 600 ms (thresholds 200/500 ms) on its second request", () => {
    const slow: Revision = { errorRate: 0, latencyMs: () => 600 };
    const run = simulate(7, slow, healthy, 1000);
    assert.equal(run.decision, "abort");
    // More than 1% of the 100-request minimum sample over 500 ms: the p99 of that sample cannot be under it.
    assert.equal(run.canaryRequests, 2);
  });

  it("does not blame the canary for latency the stable has too", () => {
    const verdict = judge(canaryOf(counter(150, 0, 600)), counter(3000, 0, 600));
    assert.equal(verdict.decision, "continue");
    assert.match(verdict.reasons.join("\n"), /latency is platform-wide/);
  });

  it("pauses at bake end on a p99 over the warning, and only continues before it", () => {
    const canary = canaryOf(counter(1000, 0, 300));
    assert.equal(judge(canary, counter(10_000, 0)).decision, "continue");
    const end = judge(canary, counter(10_000, 0), { atBakeEnd: true });
    assert.equal(end.decision, "pause");
    assert.match(end.reasons.join("\n"), /latency above the warning 200 ms/);
  });

  const inconclusive = [
    { setting: "pause", decision: "pause" },
    { setting: "abort", decision: "abort" },
    { setting: "promote", decision: "pass" },
  ] as const;
  for (const { setting, decision } of inconclusive) {
    it(`follows inconclusive: ${setting} at bake end with too few requests (→ ${decision})`, () => {
      const verdict = judge(canaryOf(counter(40, 0)), counter(760, 1), {
        atBakeEnd: true,
        judgement: { ...judgement, inconclusive: setting },
      });
      assert.equal(verdict.decision, decision);
      assert.match(verdict.reasons[0]!, new RegExp(`^inconclusive \\(${setting}\\): the canary served 40 of the 100`));
    });
  }

  it("passes at bake end when the error test leans to H0 with the minimum sample (truncated SPRT)", () => {
    const verdict = judge(canaryOf(counter(300, 1)), counter(6000, 6), { atBakeEnd: true });
    assert.equal(verdict.decision, "pass");
    assert.ok(verdict.evidence.errorLlr! < 0);
  });

  it("pauses at bake end when the error rate leans above the warning without reaching abort", () => {
    const verdict = judge(canaryOf(counter(300, 3)), counter(6000, 6), { atBakeEnd: true });
    assert.equal(verdict.decision, "pause");
    assert.match(verdict.reasons.join("\n"), /leans above the warning 0.5%/);
  });

  const levels = [
    { what: "restarts over the critical 5", extra: { restarts: 6 }, decision: "abort" },
    { what: "restarts at the critical 5", extra: { restarts: 5 }, decision: "pass" },
    { what: "cpu over the critical 85%", extra: { cpuPercent: 90 }, decision: "abort" },
    { what: "memory over the critical 90%", extra: { memoryPercent: 95 }, decision: "abort" },
    { what: "cpu over the warning only", extra: { cpuPercent: 75 }, decision: "pass" },
  ] as const;
  for (const { what, extra, decision } of levels) {
    it(`decides ${decision} on ${what}`, () => {
      const verdict = judge(canaryOf(counter(1000, 0), extra), counter(19_000, 19));
      assert.equal(verdict.decision, decision);
    });
  }

  it("notes a cpu warning in the reasons without acting on it", () => {
    const verdict = judge(canaryOf(counter(1000, 0), { cpuPercent: 75 }), counter(19_000, 19));
    assert.deepEqual(verdict.reasons, ["cpu 75% above the warning 70%"]);
  });

  it("never aborts 20 healthy canaries (0.1% errors, 2,000 requests each, judged after every request)", () => {
    const decisions: Decision[] = [];
    for (let seed = 1000; seed < 1020; seed++) decisions.push(simulate(seed, healthy, healthy, 2000).decision);
    assert.equal(decisions.filter((d) => d === "abort").length, 0);
    assert.deepEqual(new Set(decisions), new Set(["pass"]));
  });
});
