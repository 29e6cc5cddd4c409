/** The figures a load test's JSON summary gives, as a release manager reads them. */
export interface LoadSummary {
  requests: number | null;
  requestsPerSecond: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Failed requests, in percent of all. */
  errorRatePercent: number | null;
  /** Thresholds the tool itself judged, by metric, that failed. */
  failedThresholds: string[];
}

type Metric = Record<string, unknown>;

/**
 * Reads k6's `--summary-export` JSON (metrics with their figures at the top) and the JSON a
 * `handleSummary` writes (figures under `values`, thresholds with `ok`). Returns undefined when
 * the document is neither.
 */
export function parseK6Summary(document: unknown): LoadSummary | undefined {
  if (!isObject(document) || !isObject(document.metrics)) return undefined;
  const metrics = document.metrics;
  const metric = (name: string): Metric | undefined => {
    const m = metrics[name];
    if (!isObject(m)) return undefined;
    return isObject(m.values) ? { ...m.values, thresholds: m.thresholds } : m;
  };
  const reqs = metric("http_reqs");
  const duration = metric("http_req_duration");
  const failed = metric("http_req_failed");
  if (!reqs && !duration && !failed) return undefined;
  // A rate's value is the share of true samples: for http_req_failed, the failed requests.
  const errorRate = num(failed?.value) ?? num(failed?.rate);
  return {
    requests: num(reqs?.count),
    requestsPerSecond: round(num(reqs?.rate)),
    p95Ms: round(num(duration?.["p(95)"])),
    p99Ms: round(num(duration?.["p(99)"])),
    errorRatePercent: errorRate === null ? null : round(errorRate * 100),
    failedThresholds: Object.keys(metrics)
      .filter((name) => thresholdsFailed(metric(name)?.thresholds))
      .sort(),
  };
}

/** `--summary-export` gives `{expr: true}` for a crossed threshold; handleSummary `{expr: {ok: false}}`. */
function thresholdsFailed(thresholds: unknown): boolean {
  if (!isObject(thresholds)) return false;
  return Object.values(thresholds).some((t) => t === true || (isObject(t) && t.ok === false));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 100) / 100);
