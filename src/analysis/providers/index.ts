import type { EffectiveMetricsProvider } from "../../config/metrics-provider.js";
import type { MetricsProviderConfig } from "../../config/types.js";
import type { Targets } from "../../targets/target.js";
import { prometheusProvider } from "./prometheus.js";
import type { MetricsProvider } from "./provider.js";
import { routerProvider } from "./router.js";

export type { MetricsProvider, MetricsQuery } from "./provider.js";
export { prometheusProvider, type PrometheusProviderConfig } from "./prometheus.js";
export { routerProvider } from "./router.js";
export { escapePromqlString, fillTemplate } from "./promql.js";

/**
 * The provider `config` names: pass `metricsProviderFor(platform, environment)`, the environment's
 * own `analysis.provider` else the platform's (its `setting` is what messages name).
 */
export function createMetricsProvider(
  config: EffectiveMetricsProvider | MetricsProviderConfig,
  targets: Targets,
): MetricsProvider {
  switch (config.type) {
    case "router":
      return routerProvider(targets);
    case "prometheus":
      return prometheusProvider(config);
  }
}
