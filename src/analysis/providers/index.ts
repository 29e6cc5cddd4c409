import type { Analysis } from "../../config/types.js";
import type { Targets } from "../../targets/target.js";
import { prometheusProvider } from "./prometheus.js";
import type { MetricsProvider } from "./provider.js";
import { routerProvider } from "./router.js";

export type { MetricsProvider, MetricsQuery } from "./provider.js";
export { prometheusProvider, type PrometheusProviderConfig } from "./prometheus.js";
export { routerProvider } from "./router.js";
export { escapePromqlString, fillTemplate } from "./promql.js";

/** The provider the platform file's `analysis.provider` names. */
export function createMetricsProvider(analysis: Analysis, targets: Targets): MetricsProvider {
  const config = analysis.provider;
  switch (config.type) {
    case "router":
      return routerProvider(targets);
    case "prometheus":
      return prometheusProvider(config);
  }
}
