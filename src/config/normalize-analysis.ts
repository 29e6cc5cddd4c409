import { parseDurationMs, parsePercent } from "./duration.js";
import type { ParsedPlatform } from "./schema/platform.js";
import type { Analysis, MetricsProviderConfig } from "./types.js";

type WrittenAnalysis = ParsedPlatform["analysis"];
type WrittenProvider = NonNullable<WrittenAnalysis>["provider"];

/** A written `provider` (the platform's or an environment's), durations in ms. */
export function normalizeMetricsProvider(provider: WrittenProvider): MetricsProviderConfig {
  switch (provider.type) {
    case "router":
      return provider;
    case "prometheus":
      return {
        type: "prometheus",
        url: provider.url,
        timeoutMs: parseDurationMs(provider.timeout),
        latencyUnit: provider.latencyUnit,
        queries: provider.queries,
      };
  }
}

/** `analysis` with its defaults: the router provider, no thresholds, the default judgement. */
export function normalizeAnalysis(written: { analysis?: WrittenAnalysis }): Analysis {
  const a = written.analysis;
  const t = a?.thresholds ?? {};
  const ms = (x: { warning: string; critical: string } | undefined) =>
    x ? { warning: parseDurationMs(x.warning), critical: parseDurationMs(x.critical) } : undefined;
  const pct = (x: { warning: number | string; critical: number | string } | undefined) =>
    x ? { warning: parsePercent(x.warning), critical: parsePercent(x.critical) } : undefined;
  const thresholds: Analysis["thresholds"] = {};
  const latency = ms(t.latencyP99);
  if (latency) thresholds.latencyP99Ms = latency;
  const errorRate = pct(t.errorRate);
  if (errorRate) thresholds.errorRatePercent = errorRate;
  const cpu = pct(t.cpu);
  if (cpu) thresholds.cpuPercent = cpu;
  const memory = pct(t.memory);
  if (memory) thresholds.memoryPercent = memory;
  if (t.podRestarts)
    thresholds.podRestarts = {
      warning: t.podRestarts.warning,
      critical: t.podRestarts.critical,
      perMs: parseDurationMs(t.podRestarts.per),
    };
  return {
    provider: normalizeMetricsProvider(a?.provider ?? { type: "router" }),
    thresholds,
    judgement: a?.judgement ?? { minSampleRequests: 100, confidence: 0.99, inconclusive: "pause" },
    canaryPlans: Object.fromEntries(
      Object.entries(a?.canaryPlans ?? {}).map(([name, p]) => [
        name,
        {
          description: p.description,
          steps: p.steps.map((step) => ({ weight: step.weight, bakeMs: step.bake ? parseDurationMs(step.bake) : 0 })),
        },
      ]),
    ),
  };
}
