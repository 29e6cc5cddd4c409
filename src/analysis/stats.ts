/** Wald's sequential probability ratio test, for canary judgement. Pure. */

export interface SprtInput {
  /** Trials so far (requests). */
  trials: number;
  /** Successes of the event tested (errors). */
  events: number;
  /** Rate under H0 (acceptable), 0 < p0 < p1 < 1. */
  p0: number;
  /** Rate under H1 (unacceptable). */
  p1: number;
  /** Probability of accepting H1 when H0 holds (false abort). */
  alpha: number;
  /** Probability of accepting H0 when H1 holds (missed bad canary). */
  beta: number;
}

export interface SprtResult {
  /** ln L(H1) / L(H0) of the observations. */
  llr: number;
  /** ln((1 − β) / α): at or above, accept H1. */
  upper: number;
  /** ln(β / (1 − α)): at or below, accept H0. */
  lower: number;
  decision: "h0" | "h1" | "continue";
}

/**
 * Wald's SPRT on Bernoulli trials. It reads cumulative counts, so it can be asked after every
 * request: its error rates hold however often it is looked at, which is what lets judgement be
 * continuous rather than on a fixed interval.
 */
export function sprt(input: SprtInput): SprtResult {
  const { trials, events, p0, p1, alpha, beta } = input;
  if (!(p0 > 0 && p0 < p1 && p1 < 1)) throw new Error(`bug: sprt needs 0 < p0 < p1 < 1, got p0=${p0} p1=${p1}`);
  const llr = events * Math.log(p1 / p0) + (trials - events) * Math.log((1 - p1) / (1 - p0));
  const upper = Math.log((1 - beta) / alpha);
  const lower = Math.log(beta / (1 - alpha));
  const decision = llr >= upper ? "h1" : llr <= lower ? "h0" : "continue";
  return { llr, upper, lower, decision };
}

/**
 * ln of a mixture likelihood ratio: the mean, over the alternatives `p1s` (equal weights), of
 * L(p1) / L(p0) for `events` in `trials` Bernoulli trials. Under H0 (a rate of p0 or below) each
 * ratio, and so their mean, is a non-negative supermartingale starting at 1: by Ville's inequality
 * it ever reaches 1/α with probability at most α, however often it is looked at. A test against
 * several alternatives at once accepts a large departure (a canary failing 30%) after a few
 * events, where a test against the smallest one alone needs many; the price is ln(count) more
 * evidence for a departure only as large as the smallest.
 */
export function mixtureLlr(trials: number, events: number, p0: number, p1s: readonly number[]): number {
  const llrs = p1s.map((p1) => events * Math.log(p1 / p0) + (trials - events) * Math.log((1 - p1) / (1 - p0)));
  const top = Math.max(...llrs);
  return top + Math.log(llrs.reduce((sum, llr) => sum + Math.exp(llr - top), 0) / llrs.length);
}

/** Alternatives for mixtureLlr: p1, 2·p1, 4·p1, … while below `max`. */
export function doublings(p1: number, max: number): number[] {
  const out: number[] = [];
  for (let p = p1; p < max && out.length < 16; p *= 2) out.push(p);
  return out.length ? out : [p1];
}
