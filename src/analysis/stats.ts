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
