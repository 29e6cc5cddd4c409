import { TARGETS_COUNTING_TRAFFIC } from "./schema/environments.js";
import type { Environment, MetricsProviderConfig, Platform, TargetKind } from "./types.js";

/** A metrics provider's settings and where the platform file sets them (named in messages). */
export type EffectiveMetricsProvider = MetricsProviderConfig & {
  /** `environments.NAME.analysis.provider` or `analysis.provider`. */
  setting: string;
};

/**
 * The metrics provider analysis reads in `environment`: its own `analysis.provider`, else the
 * platform's. Every reader of a provider asks here. Pure.
 *
 * `boundTo` is the kind of the target that actually runs the environment, where the reader knows
 * it. When that is not the environment's own (`quikship server --local` rehearses a kubernetes
 * environment on the local target), the environment's Prometheus scrapes a cluster that sees none
 * of the rehearsal's requests: analysis reads the rehearsal target's own counters (the router).
 */
export function metricsProviderFor(
  platform: Pick<Platform, "analysis">,
  environment: Pick<Environment, "name" | "analysisProvider" | "target">,
  boundTo?: string,
): EffectiveMetricsProvider {
  const own = environment.analysisProvider;
  const setting = own ? `environments.${environment.name}.analysis.provider` : "analysis.provider";
  if (boundTo !== undefined && boundTo !== environment.target) return { type: "router", setting };
  return { ...(own ?? platform.analysis.provider), setting };
}

/** Whether a target of this kind counts each revision's requests itself (`TargetCapabilities.countsTraffic`). */
export function countsTraffic(kind: TargetKind): boolean {
  return (TARGETS_COUNTING_TRAFFIC as readonly string[]).includes(kind);
}

/** What to set so that an environment whose target counts no requests is judged, and shown, on real traffic. */
export function prometheusAdvice(environment: string): string {
  return (
    `set environments.${environment}.analysis.provider (or analysis.provider) to type: prometheus with the url and queries ` +
    `of the Prometheus that scrapes the cluster's gateway`
  );
}
