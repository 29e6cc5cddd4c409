import type { RevisionTraffic } from "../contract.js";

/** Upper bounds of the latency histogram in ms, dense around the p99 thresholds (200 / 500 ms). */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 200, 300, 500, 750, 1000, 2500, 5000] as const;

const BUCKET_LABELS = [...LATENCY_BUCKETS_MS.map((ms) => String(ms / 1000)), "+Inf"];

/** Counters of one revision of one service; the route table holds it so recording is a field update. */
export interface RevisionMetrics {
  readonly service: string;
  readonly revision: number;
  /** `environment="dev",service="api",revision="3"`, escaped once. */
  readonly labels: string;
  requests: number;
  /** Responses ≥ 500 and requests the router could not deliver. */
  errors: number;
  /** Per bucket (not cumulative), the last one for +Inf. */
  readonly buckets: Float64Array;
  sumMs: number;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

export function record(metrics: RevisionMetrics, status: number, latencyMs: number): void {
  metrics.requests++;
  if (status >= 500) metrics.errors++;
  metrics.sumMs += latencyMs;
  let i = 0;
  while (i < LATENCY_BUCKETS_MS.length && latencyMs > LATENCY_BUCKETS_MS[i]!) i++;
  metrics.buckets[i]!++;
}

/** Every revision's counters, by service then revision; kept when a revision loses its routes. */
export class MetricsBook {
  private readonly byService = new Map<string, Map<number, RevisionMetrics>>();

  constructor(private readonly environment: string) {}

  of(service: string, revision: number): RevisionMetrics {
    let revisions = this.byService.get(service);
    if (!revisions) this.byService.set(service, (revisions = new Map<number, RevisionMetrics>()));
    let metrics = revisions.get(revision);
    if (!metrics) {
      const labels = `environment="${escapeLabel(this.environment)}",service="${escapeLabel(service)}",revision="${revision}"`;
      metrics = {
        service,
        revision,
        labels,
        requests: 0,
        errors: 0,
        buckets: new Float64Array(LATENCY_BUCKETS_MS.length + 1),
        sumMs: 0,
      };
      revisions.set(revision, metrics);
    }
    return metrics;
  }

  forget(service: string): void {
    this.byService.delete(service);
  }

  /**
   * Per revision, ascending. The histogram's `le` lists the finite bounds only (JSON has no
   * infinity): the +Inf bucket is `requests`.
   */
  traffic(service: string): RevisionTraffic[] {
    const revisions = [...(this.byService.get(service)?.values() ?? [])].sort((a, b) => a.revision - b.revision);
    return revisions.map((m) => {
      const counts: number[] = [];
      let running = 0;
      for (let i = 0; i < LATENCY_BUCKETS_MS.length; i++) counts.push((running += m.buckets[i]!));
      return {
        revision: m.revision,
        requests: m.requests,
        errors: m.errors,
        latency: { le: [...LATENCY_BUCKETS_MS], counts, sumMs: m.sumMs },
      };
    });
  }

  /** Prometheus text exposition format 0.0.4. */
  prometheus(): string {
    const all: RevisionMetrics[] = [];
    for (const revisions of this.byService.values()) for (const m of revisions.values()) all.push(m);
    const out: string[] = [
      "# HELP quikship_router_requests_total Requests routed to a revision.",
      "# TYPE quikship_router_requests_total counter",
    ];
    for (const m of all) out.push(`quikship_router_requests_total{${m.labels}} ${m.requests}`);
    out.push(
      "# HELP quikship_router_errors_total Responses >= 500 and requests the router could not deliver, per revision.",
      "# TYPE quikship_router_errors_total counter",
    );
    for (const m of all) out.push(`quikship_router_errors_total{${m.labels}} ${m.errors}`);
    out.push(
      "# HELP quikship_router_request_duration_seconds Time from a request's arrival to the end of its response.",
      "# TYPE quikship_router_request_duration_seconds histogram",
    );
    for (const m of all) {
      let running = 0;
      for (let i = 0; i < BUCKET_LABELS.length; i++) {
        running += m.buckets[i]!;
        out.push(`quikship_router_request_duration_seconds_bucket{${m.labels},le="${BUCKET_LABELS[i]}"} ${running}`);
      }
      out.push(`quikship_router_request_duration_seconds_sum{${m.labels}} ${m.sumMs / 1000}`);
      out.push(`quikship_router_request_duration_seconds_count{${m.labels}} ${m.requests}`);
    }
    return out.join("\n") + "\n";
  }
}
