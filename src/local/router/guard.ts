import type { Traffic } from "../../analysis/judge.js";
import { judgeCanary } from "../../analysis/judge.js";
import type { CanaryGuard, GuardState } from "../contract.js";
import type { RevisionMetrics } from "./metrics.js";
import { LATENCY_BUCKETS_MS } from "./metrics.js";

/** The stable revision's responses are judged on one in this many: its counts move the verdict slowly. */
export const STABLE_JUDGE_EVERY = 16;

const LE: number[] = [...LATENCY_BUCKETS_MS];

interface Snapshot {
  requests: number;
  errors: number;
  buckets: Float64Array;
  sumMs: number;
}

const snapshot = (m: RevisionMetrics): Snapshot => ({
  requests: m.requests,
  errors: m.errors,
  buckets: m.buckets.slice(),
  sumMs: m.sumMs,
});

/** What a revision served since the baseline, as the judgement reads it (cumulative histogram). */
function delta(m: RevisionMetrics, base: Snapshot): Traffic {
  const counts: number[] = [];
  let running = 0;
  for (let i = 0; i < LE.length; i++) counts.push((running += m.buckets[i]! - base.buckets[i]!));
  return {
    requests: m.requests - base.requests,
    errors: m.errors - base.errors,
    latency: { le: LE, counts, sumMs: m.sumMs - base.sumMs },
  };
}

/**
 * A canary guard of one service in the router: counts from its installation on, and judges the
 * canary against the stable revision with the engine's own judgement (`judgeCanary`) as responses
 * complete. It only decides; the router acts on an abort. Once aborted it judges no more.
 */
export class Guard {
  readonly since = Date.now();
  verdict: GuardState["verdict"] = null;
  readonly #baseline: { canary: Snapshot; stable: Snapshot };
  #stableResponses = 0;

  constructor(
    readonly spec: CanaryGuard,
    private readonly metricsOf: (revision: number) => RevisionMetrics,
  ) {
    this.#baseline = { canary: snapshot(metricsOf(spec.canary)), stable: snapshot(metricsOf(spec.stable)) };
  }

  /** After a counted response of `revision`: true when this one made the guard abort. */
  observe(revision: number): boolean {
    if (this.verdict) return false;
    if (revision === this.spec.stable) {
      if (++this.#stableResponses % STABLE_JUDGE_EVERY !== 0) return false;
    } else if (revision !== this.spec.canary) {
      return false;
    }
    const { canary, stable, thresholds, judgement } = this.spec;
    const verdict = judgeCanary({
      canary: { ...delta(this.metricsOf(canary), this.#baseline.canary), restarts: 0 },
      stable: delta(this.metricsOf(stable), this.#baseline.stable),
      thresholds,
      judgement,
      atBakeEnd: false,
    });
    if (verdict.decision !== "abort") return false;
    this.verdict = { decision: "abort", reasons: verdict.reasons, at: Date.now() };
    return true;
  }

  state(): GuardState {
    const { canary, stable } = this.spec;
    return {
      canary,
      stable,
      since: this.since,
      verdict: this.verdict && { ...this.verdict, reasons: [...this.verdict.reasons] },
    };
  }
}
