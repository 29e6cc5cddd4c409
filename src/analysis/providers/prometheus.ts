import type { PrometheusQueries } from "../../config/types.js";
import { DEFAULT_PROMETHEUS_QUERIES } from "../../config/schema/analysis.js";
import { InputError } from "../../errors.js";
import type { RevisionTraffic } from "../../targets/types.js";
import type { LatencyHistogram } from "../histogram.js";
import { instantQuery, prometheusServer, type PromSample } from "./prometheus-api.js";
import type { MetricsProvider, MetricsQuery } from "./provider.js";
import { checkTemplates, fillTemplate } from "./promql.js";

export interface PrometheusProviderConfig {
  /** The server's base URL; queries go to `${url}/api/v1/query`. */
  url: string;
  /** Per query; default 10 s. */
  timeoutMs?: number;
  /** PromQL templates; each one left out reads the quikship router's series. */
  queries?: Partial<PrometheusQueries>;
  /** Where the platform file sets it, for messages; default `analysis.provider`. */
  setting?: string;
  /** The unit of the latency histogram's `le` bounds and of its sum: seconds (default) or ms. */
  latencyUnit?: LatencyUnit;
}

export type LatencyUnit = "s" | "ms";

/**
 * Reads each revision's counters from Prometheus with four instant queries (requests, errors,
 * latency buckets, latency sum), all at one instant so that they agree. A revision without series
 * reads as zeros. Throws an InputError for a template with an unknown placeholder.
 */
export function prometheusProvider(config: PrometheusProviderConfig): MetricsProvider {
  const queries: PrometheusQueries = { ...DEFAULT_PROMETHEUS_QUERIES, ...config.queries };
  const setting = config.setting ?? "analysis.provider";
  checkTemplates(queries, setting);
  const server = prometheusServer(config.url, config.timeoutMs ?? 10_000, setting);
  return {
    kind: "prometheus",
    async sample(query: MetricsQuery, signal?: AbortSignal): Promise<RevisionTraffic[]> {
      const time = Date.now() / 1000;
      return Promise.all(
        [...new Set(query.revisions)].map(async (revision) => {
          const values = {
            environment: query.environment.name,
            service: query.service.name,
            revision: String(revision),
          };
          const ask = (name: keyof PrometheusQueries) =>
            instantQuery(server, fillTemplate(queries[name], values), `${setting}.queries.${name}`, time, signal);
          const [requests, errors, buckets, sum] = await Promise.all([
            ask("requests"),
            ask("errors"),
            ask("latencyBuckets"),
            ask("latencySum"),
          ]);
          return {
            revision,
            requests: total(requests),
            errors: total(errors),
            latency: histogramOf(buckets, total(sum), server.shown, setting, config.latencyUnit),
          };
        }),
      );
    },
  };
}

/** A vector's values added up: no series is 0, several (a template without `sum`) are summed. */
function total(samples: PromSample[]): number {
  return samples.reduce((sum, s) => sum + s.value, 0);
}

/** An `le` label as Go's ParseFloat reads it, which takes "+Inf" (Number() does not). */
function boundOf(le: string | undefined): number {
  if (le === undefined || le.trim() === "") return NaN;
  return /^\+?inf(inity)?$/i.test(le) ? Infinity : Number(le);
}

/** Seconds to ms, without the float noise of `0.3 * 1000` in the bounds. */
/** A latency in `unit` as ms, to the microsecond. */
const msOf = (value: number, unit: LatencyUnit): number => Math.round(value * (unit === "s" ? 1e6 : 1e3)) / 1e3;

/**
 * Bucket series (one per `le`, in seconds, cumulative) as the router's histogram: finite bounds in
 * ms, ascending. The +Inf bucket is left out: it is the request count. Series with the same `le`
 * (a template without `sum by (le)`) are summed.
 */
export function histogramOf(
  buckets: PromSample[],
  sum: number,
  shown = "Prometheus",
  setting = "analysis.provider",
  unit: LatencyUnit = "s",
): LatencyHistogram {
  const byBound = new Map<number, number>();
  for (const { labels, value } of buckets) {
    const le = boundOf(labels.le);
    if (Number.isNaN(le)) {
      const got = labels.le === undefined ? "a series without an le label" : `le="${labels.le}"`;
      throw new InputError(
        `Prometheus at ${shown}: ${setting}.queries.latencyBuckets returned ${got}; it must give one series per le bound, such as sum by (le) (..._bucket{...})`,
      );
    }
    if (le !== Infinity) byBound.set(le, (byBound.get(le) ?? 0) + value);
  }
  const bounds = [...byBound.keys()].sort((a, b) => a - b);
  return {
    le: bounds.map((le) => msOf(le, unit)),
    counts: bounds.map((le) => byBound.get(le)!),
    sumMs: unit === "s" ? sum * 1000 : sum,
  };
}
