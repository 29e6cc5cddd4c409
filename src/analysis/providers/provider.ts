import type { Environment, Service } from "../../config/types.js";
import type { RevisionTraffic } from "../../targets/types.js";

export interface MetricsQuery {
  environment: Environment;
  service: Service;
  /** The revisions to report; others may be left out. */
  revisions: number[];
}

/**
 * Where the analysis of a canary or a blue-green preview reads each revision's requests, errors
 * and latency. Counters are cumulative from an origin the provider keeps (the router's start, a
 * Prometheus series' start): the engine takes a baseline when it starts judging and reads the
 * difference, and treats a counter that went down as a restart (a new baseline).
 */
export interface MetricsProvider {
  readonly kind: string;
  /**
   * Each asked revision once, in the order asked; one the provider has no counters for reads as
   * zeros (an empty histogram). Throws a QuikshipError that names the source and what to fix;
   * `retryable` when asking again may succeed (an unreachable or slow server).
   */
  sample(query: MetricsQuery, signal?: AbortSignal): Promise<RevisionTraffic[]>;
}
