import * as z from "zod";
import { described, dnsName, duration, lazily, percent } from "./common.js";
import { canaryStep } from "./strategy.js";

export const thresholds = lazily(() => {
  const durationThreshold = z.strictObject({ warning: duration, critical: duration });
  const percentThreshold = z.strictObject({ warning: percent, critical: percent });
  return z
    .strictObject({
      latencyP99: durationThreshold.optional().apply(described, "99th percentile latency."),
      errorRate: percentThreshold.optional().apply(described, "Share of requests answered with 5xx."),
      cpu: percentThreshold.optional().apply(described, "CPU usage of the instances."),
      memory: percentThreshold.optional().apply(described, "Memory usage of the instances."),
      podRestarts: z
        .strictObject({
          warning: z.number().int().min(0),
          critical: z.number().int().min(0),
          per: duration.default("1h"),
        })
        .optional()
        .apply(described, "Restarts of the instances per period."),
    })
    .apply(
      described,
      "Warning and critical thresholds. A critical breach aborts; a warning breach pauses for a person.",
    );
});

export const judgement = lazily(() =>
  z
    .strictObject({
      minSampleRequests: z
        .number()
        .int()
        .min(1)
        .default(100)
        .apply(described, "Requests the canary must serve before it can pass a step."),
      confidence: z
        .number()
        .gt(0.5)
        .lt(1)
        .default(0.99)
        .apply(described, "How sure the statistical test must be before it aborts."),
      inconclusive: z
        .enum(["pause", "abort", "promote"])
        .default("pause")
        .apply(described, "What happens when a bake ends without enough evidence."),
    })
    .apply(described, "How analysis decides."),
);

export const canaryPlan = lazily(() =>
  z
    .strictObject({
      description: z.string().optional(),
      steps: z.array(canaryStep).min(1).apply(described, "Weights strictly increase and the last is 100."),
    })
    .apply(described, "A named canary plan."),
);

/**
 * The default PromQL: the quikship router's own series. `{environment}`, `{service}` and
 * `{revision}` are replaced by label values escaped for a double-quoted string.
 */
export const DEFAULT_PROMETHEUS_QUERIES = {
  requests:
    'sum(quikship_router_requests_total{environment="{environment}",service="{service}",revision="{revision}"})',
  errors: 'sum(quikship_router_errors_total{environment="{environment}",service="{service}",revision="{revision}"})',
  latencyBuckets:
    'sum by (le) (quikship_router_request_duration_seconds_bucket{environment="{environment}",service="{service}",revision="{revision}"})',
  latencySum:
    'sum(quikship_router_request_duration_seconds_sum{environment="{environment}",service="{service}",revision="{revision}"})',
} as const;

const promql = z.string().min(1);

export const prometheusQueries = lazily(() =>
  z
    .strictObject({
      requests: promql
        .default(DEFAULT_PROMETHEUS_QUERIES.requests)
        .apply(described, "A revision's requests, a cumulative counter."),
      errors: promql
        .default(DEFAULT_PROMETHEUS_QUERIES.errors)
        .apply(described, "A revision's 5xx responses and undeliverable requests, a cumulative counter."),
      latencyBuckets: promql
        .default(DEFAULT_PROMETHEUS_QUERIES.latencyBuckets)
        .apply(
          described,
          "A revision's latency histogram: one series per `le` label, bounds in `latencyUnit` (seconds by default), cumulative counts.",
        ),
      latencySum: promql
        .default(DEFAULT_PROMETHEUS_QUERIES.latencySum)
        .apply(described, "A revision's total latency, in `latencyUnit` (seconds by default)."),
    })
    .apply(
      described,
      "PromQL instant queries, one per revision. {environment}, {service} and {revision} are replaced by the values, escaped for a double-quoted string. The defaults read the quikship router's series; replace them to read, for example, an ingress's metrics.",
    ),
);

export const metricsProvider = lazily(() => {
  const routerProvider = z.strictObject({ type: z.literal("router") });

  const prometheusProvider = z.strictObject({
    type: z.literal("prometheus"),
    url: z
      .string()
      .regex(/^https?:\/\/[^\s/]\S*$/, 'must be an http(s) URL such as "http://prometheus:9090"')
      .apply(described, "The Prometheus server's base URL (queries go to URL/api/v1/query)."),
    timeout: duration.default("10s").apply(described, "How long one query may take."),
    latencyUnit: z
      .enum(["s", "ms"])
      .default("s")
      .apply(
        described,
        "The unit of the latencyBuckets query's `le` bounds and of latencySum: s (the router's and most exporters' `_seconds` histograms) or ms (Istio's and Envoy's `_milliseconds` ones).",
      ),
    queries: prometheusQueries.prefault({}),
  });
  return z
    .discriminatedUnion("type", [routerProvider, prometheusProvider])
    .apply(
      described,
      "Where analysis reads each revision's requests, errors and latency: router (the target's own counters) or prometheus.",
    );
});

export const analysis = lazily(() =>
  z
    .strictObject({
      provider: metricsProvider.default({ type: "router" }),
      thresholds: thresholds.default({}),
      judgement: judgement.default({ minSampleRequests: 100, confidence: 0.99, inconclusive: "pause" }),
      canaryPlans: z.record(dnsName, canaryPlan).default({}),
    })
    .apply(described, "Analysis of canaries and blue-green previews."),
);
