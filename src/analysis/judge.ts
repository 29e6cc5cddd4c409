import type { Analysis } from "../config/types.js";
import { countAbove, p99FromHistogram, type LatencyHistogram } from "./histogram.js";
import { doublings, mixtureLlr, sprt } from "./stats.js";

export { p99FromHistogram, quantileFromHistogram, countAbove, type LatencyHistogram } from "./histogram.js";
export { sprt, type SprtInput, type SprtResult } from "./stats.js";

/** A revision's live counters as the router keeps them (`RevisionTraffic` fits). */
export interface Traffic {
  requests: number;
  /** 5xx responses and requests that could not be delivered. */
  errors: number;
  latency: LatencyHistogram;
}

export interface CanaryTraffic extends Traffic {
  /** Instance restarts within the last `podRestarts.perMs`. */
  restarts: number;
  cpuPercent?: number;
  memoryPercent?: number;
}

export interface JudgeInput {
  canary: CanaryTraffic;
  stable: Traffic;
  thresholds: Analysis["thresholds"];
  judgement: Analysis["judgement"];
  /** The bake of the current step is over: undecided metrics are now inconclusive and warnings pause. */
  atBakeEnd: boolean;
}

export const decisions = ["continue", "pass", "abort", "pause"] as const;
export type Decision = (typeof decisions)[number];

export interface Evidence {
  canaryRequests: number;
  canaryErrorRatePercent: number;
  stableRequests: number;
  stableErrorRatePercent: number;
  /** The error SPRT: log-likelihood ratio and its bounds (absent without an errorRate threshold). */
  errorLlr: number | null;
  errorUpper: number | null;
  errorLower: number | null;
  /** The blame SPRT: errors landing on the canary vs its share of requests (absent without errors to place). */
  blameLlr: number | null;
  canaryP99Ms: number | null;
  stableP99Ms: number | null;
  /** Canary requests certainly slower than the critical latency. */
  canarySlowRequests: number;
  restarts: number;
  cpuPercent: number | null;
  memoryPercent: number | null;
}

export interface Verdict {
  decision: Decision;
  reasons: string[];
  evidence: Evidence;
}

/**
 * What one metric says. `critical` aborts at once; `warning` pauses at the end of a bake;
 * `undecided` waits for more requests and is inconclusive at the end of a bake; `noted` is
 * reported and changes nothing.
 */
type Finding = { status: "critical" | "warning" | "undecided" | "noted"; reason: string } | { status: "healthy" };

const percent = (x: number, n: number): number => (n === 0 ? 0 : (100 * x) / n);
const fmt = (x: number): string => String(Math.round(x * 100) / 100);

/**
 * Judges a canary against the stable revision from cumulative counters. Pure and stateless, so
 * it can be asked after every request: the tests it uses are sequential and keep their error
 * rates however often they are looked at. See docs/analysis.md.
 */
export function judgeCanary(input: JudgeInput): Verdict {
  const { canary, stable, thresholds, judgement } = input;
  const alpha = 1 - judgement.confidence;
  const evidence: Evidence = {
    canaryRequests: canary.requests,
    canaryErrorRatePercent: percent(canary.errors, canary.requests),
    stableRequests: stable.requests,
    stableErrorRatePercent: percent(stable.errors, stable.requests),
    errorLlr: null,
    errorUpper: null,
    errorLower: null,
    blameLlr: null,
    canaryP99Ms: p99FromHistogram(canary.latency, canary.requests) ?? null,
    stableP99Ms: p99FromHistogram(stable.latency, stable.requests) ?? null,
    canarySlowRequests: thresholds.latencyP99Ms
      ? countAbove(canary.latency, canary.requests, thresholds.latencyP99Ms.critical)
      : 0,
    restarts: canary.restarts,
    cpuPercent: canary.cpuPercent ?? null,
    memoryPercent: canary.memoryPercent ?? null,
  };

  const findings: Finding[] = [sampleFinding(input)];
  if (thresholds.errorRatePercent) findings.push(errorFinding(input, thresholds.errorRatePercent, alpha, evidence));
  if (thresholds.latencyP99Ms) findings.push(latencyFinding(input, thresholds.latencyP99Ms, evidence));
  if (thresholds.podRestarts) findings.push(levelFinding("restarts", canary.restarts, thresholds.podRestarts, ""));
  if (thresholds.cpuPercent && canary.cpuPercent !== undefined)
    findings.push(levelFinding("cpu", canary.cpuPercent, thresholds.cpuPercent, "%"));
  if (thresholds.memoryPercent && canary.memoryPercent !== undefined) {
    findings.push(levelFinding("memory", canary.memoryPercent, thresholds.memoryPercent, "%"));
  }
  return { ...decide(findings, input), evidence };
}

function decide(findings: Finding[], input: JudgeInput): { decision: Decision; reasons: string[] } {
  const reasons = (status: Finding["status"]): string[] =>
    findings.flatMap((f) => (f.status !== "healthy" && f.status === status ? [f.reason] : []));
  const critical = reasons("critical");
  const warning = reasons("warning");
  const undecided = reasons("undecided");
  const noted = reasons("noted");
  if (critical.length > 0) return { decision: "abort", reasons: [...critical, ...warning, ...noted] };
  if (!input.atBakeEnd) {
    if (warning.length === 0 && undecided.length === 0) return { decision: "pass", reasons: noted };
    return { decision: "continue", reasons: [...warning, ...undecided, ...noted] };
  }
  if (warning.length > 0) return { decision: "pause", reasons: [...warning, ...undecided, ...noted] };
  if (undecided.length > 0) {
    const setting = input.judgement.inconclusive;
    const decision = setting === "promote" ? "pass" : setting;
    return { decision, reasons: [...undecided.map((r) => `inconclusive (${setting}): ${r}`), ...noted] };
  }
  return { decision: "pass", reasons: noted };
}

function sampleFinding({ canary, judgement }: JudgeInput): Finding {
  if (canary.requests >= judgement.minSampleRequests) return { status: "healthy" };
  return {
    status: "undecided",
    reason: `the canary served ${canary.requests} of the ${judgement.minSampleRequests} requests needed`,
  };
}

/**
 * SPRT on the canary's errors, H0: rate ≤ warning vs H1: rate ≥ critical, α = β = 1 − confidence.
 * Accepting H1 aborts only if the canary is also to blame (see blame()), so a platform-wide spike
 * pauses for a person instead of aborting the canary.
 */
function errorFinding(
  input: JudgeInput,
  threshold: { warning: number; critical: number },
  alpha: number,
  evidence: Evidence,
): Finding {
  const { canary, stable, judgement, atBakeEnd } = input;
  const p1 = Math.min(threshold.critical / 100, 0.999);
  const p0 = threshold.warning > 0 && threshold.warning / 100 < p1 ? threshold.warning / 100 : p1 / 2;
  const test = sprt({ trials: canary.requests, events: canary.errors, p0, p1, alpha, beta: alpha });
  evidence.errorLlr = test.llr;
  evidence.errorUpper = test.upper;
  evidence.errorLower = test.lower;
  const rates = `canary ${fmt(evidence.canaryErrorRatePercent)}% of ${canary.requests}, stable ${fmt(evidence.stableErrorRatePercent)}% of ${stable.requests}`;
  // Above the critical rate by the SPRT, or by a mixture over larger rates, which tells a far worse canary sooner.
  const far =
    mixtureLlr(canary.requests, canary.errors, p0, doublings(p1, MAX_ALTERNATIVE_RATE)) >= Math.log(1 / alpha);
  if (test.decision === "h1" || far) {
    const blamed = blame(canary, stable, alpha, evidence);
    if (blamed)
      return { status: "critical", reason: `error rate above the critical ${threshold.critical}% (${rates})` };
    return { status: "warning", reason: `errors are platform-wide, not the canary's (${rates})` };
  }
  const enough = canary.requests >= judgement.minSampleRequests;
  if (test.decision === "h0" && enough) return { status: "healthy" };
  // Truncated at the end of a bake: with the minimum sample, the side the evidence leans to decides.
  if (atBakeEnd && enough) {
    if (test.llr < 0) return { status: "healthy" };
    return { status: "warning", reason: `error rate leans above the warning ${threshold.warning}% (${rates})` };
  }
  return {
    status: "undecided",
    reason: `error rate not yet told apart from ${threshold.warning}% or ${threshold.critical}% (${rates})`,
  };
}

/** The canary is blamed when its error rate is at least this many times the stable's. */
export const BLAME_RATE_RATIO = 3;

/** Larger ratios the blame mixture also weighs, so a canary failing far more than the stable is blamed sooner. */
const BLAME_RATIOS = [BLAME_RATE_RATIO, 10, 30, 100];

/** The largest error rate the error mixture weighs as an alternative. */
const MAX_ALTERNATIVE_RATE = 0.6;

/**
 * Where the errors land, as a second SPRT that stays valid however often it is asked (a
 * two-proportion z-test asked after every request would not: repeated looks inflate its false
 * positives). If both revisions fail alike, each error lands on the canary with probability w, its
 * share of the requests; if the canary's rate is BLAME_RATE_RATIO (R) times the stable's, with
 * R·w / (R·w + 1 − w). Without stable requests there is nothing to compare, and the canary is blamed.
 */
function blame(canary: Traffic, stable: Traffic, alpha: number, evidence: Evidence): boolean {
  if (stable.requests === 0) return true;
  const w = canary.requests / (canary.requests + stable.requests);
  const r = BLAME_RATE_RATIO;
  const test = sprt({
    trials: canary.errors + stable.errors,
    events: canary.errors,
    p0: w,
    p1: (r * w) / (r * w + 1 - w),
    alpha,
    beta: alpha,
  });
  evidence.blameLlr = test.llr;
  const share = (ratio: number): number => (ratio * w) / (ratio * w + 1 - w);
  const mixture = mixtureLlr(
    canary.errors + stable.errors,
    canary.errors,
    w,
    BLAME_RATIOS.map(share).filter((p) => p < 1),
  );
  return test.decision === "h1" || mixture >= Math.log(1 / alpha);
}

/**
 * p99 over the critical bound aborts: with the minimum sample from the estimate, or earlier once
 * more than 1% of the minimum sample is already slower than the bound, so that the p99 of any
 * minimum sample that includes them is over it. Not blamed on the canary when the stable's p99 is over too.
 */
function latencyFinding(
  input: JudgeInput,
  threshold: { warning: number; critical: number },
  evidence: Evidence,
): Finding {
  const { canary, stable, judgement } = input;
  const min = judgement.minSampleRequests;
  const enough = canary.requests >= min;
  const p99 = evidence.canaryP99Ms;
  const overCritical =
    evidence.canarySlowRequests > 0.01 * Math.max(canary.requests, min) ||
    (enough && p99 !== null && p99 > threshold.critical);
  const shown = `p99 ${p99 === null ? "–" : fmt(p99)} ms, ${evidence.canarySlowRequests} of ${canary.requests} requests over ${threshold.critical} ms`;
  if (overCritical) {
    const stableP99 = evidence.stableP99Ms;
    if (stable.requests >= min && stableP99 !== null && stableP99 > threshold.critical) {
      return {
        status: "warning",
        reason: `latency is platform-wide, not the canary's (${shown}; stable p99 ${fmt(stableP99)} ms)`,
      };
    }
    return { status: "critical", reason: `latency above the critical ${threshold.critical} ms (${shown})` };
  }
  if (!enough || p99 === null) return { status: "undecided", reason: `latency needs ${min} requests (${shown})` };
  if (p99 > threshold.warning)
    return { status: "warning", reason: `latency above the warning ${threshold.warning} ms (${shown})` };
  return { status: "healthy" };
}

/** Restarts, CPU, memory: instantaneous levels, so a warning is noted rather than pausing. */
function levelFinding(
  metric: string,
  value: number,
  threshold: { warning: number; critical: number },
  unit: string,
): Finding {
  if (value > threshold.critical)
    return {
      status: "critical",
      reason: `${metric} ${fmt(value)}${unit} above the critical ${threshold.critical}${unit}`,
    };
  if (value > threshold.warning)
    return { status: "noted", reason: `${metric} ${fmt(value)}${unit} above the warning ${threshold.warning}${unit}` };
  return { status: "healthy" };
}
