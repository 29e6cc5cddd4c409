/** Quantiles and tail counts from a cumulative latency histogram, as the router keeps it. Pure. */

/** Upper bounds in ms (finite, ascending) and cumulative counts; the +Inf bucket is the request total. */
export interface LatencyHistogram {
  le: number[];
  counts: number[];
  sumMs: number;
}

/**
 * The q-quantile (0 < q < 1) of `total` observations, interpolated linearly within its bucket
 * (the first bucket starts at 0 ms). A quantile in the +Inf bucket is the last finite bound, as
 * Prometheus's histogram_quantile answers: it is a lower bound there. Undefined without
 * observations.
 */
export function quantileFromHistogram(histogram: LatencyHistogram, total: number, q: number): number | undefined {
  if (total <= 0) return undefined;
  const rank = q * total;
  let below = 0;
  let lowerMs = 0;
  for (let i = 0; i < histogram.le.length; i++) {
    const upperMs = histogram.le[i]!;
    const cumulative = histogram.counts[i] ?? below;
    if (cumulative >= rank) {
      const inBucket = cumulative - below;
      return inBucket === 0 ? lowerMs : lowerMs + ((upperMs - lowerMs) * (rank - below)) / inBucket;
    }
    below = cumulative;
    lowerMs = upperMs;
  }
  return lowerMs;
}

export function p99FromHistogram(histogram: LatencyHistogram, total: number): number | undefined {
  return quantileFromHistogram(histogram, total, 0.99);
}

/**
 * Observations certainly slower than `thresholdMs`: those above the smallest bound at or over it.
 * 0 when the threshold is beyond the last finite bound, since the +Inf bucket cannot tell.
 */
export function countAbove(histogram: LatencyHistogram, total: number, thresholdMs: number): number {
  const i = histogram.le.findIndex((bound) => bound >= thresholdMs);
  if (i < 0) return 0;
  return total - (histogram.counts[i] ?? total);
}
