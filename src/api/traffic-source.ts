/**
 * Where the traffic view reads a service's counters per revision: the target, when it counts them
 * itself (the local router); else the environment's metrics provider, the one the engine judges
 * canaries from (Prometheus scraping a cluster's gateway), for each revision the target runs; else
 * nowhere, and the answer says why. Each seam keeps its one contract: `Target.traffic` is the
 * target's own counters, `MetricsProvider.sample` the analysis's; this module only chooses.
 */
import * as z from "zod";
import { createMetricsProvider } from "../analysis/providers/index.js";
import { prometheusAdvice } from "../config/metrics-provider.js";
import type { EffectiveMetricsProvider } from "../config/metrics-provider.js";
import type { Environment, Service } from "../config/types.js";
import type { RevisionTraffic, Target, Targets } from "../targets/target.js";

export const trafficSourceView = z
  .discriminatedUnion("type", [
    z
      .object({ type: z.literal("target") })
      .describe("The environment's target counts the requests itself (the local router)."),
    z
      .object({
        type: z.literal("prometheus"),
        setting: z
          .string()
          .describe(
            "Where the platform file sets this provider: `environments.NAME.analysis.provider`, or `analysis.provider` for an environment without its own.",
          ),
      })
      .describe(
        "The environment's analysis provider, a Prometheus, asked for each revision the target runs: what the engine judges canaries from.",
      ),
    z
      .object({ type: z.literal("none"), reason: z.string() })
      .describe("Nothing counts this environment's traffic; `reason` says why and what to set. `revisions` is empty."),
  ])
  .describe("Where `revisions` was read.");

export type TrafficSource = z.infer<typeof trafficSourceView>;

export interface SourcedTraffic {
  source: TrafficSource;
  revisions: RevisionTraffic[];
}

/**
 * The service's counters per revision and where they were read. Read only, like its parts: a
 * target that runs nothing has no revision to ask a provider about. Throws what the provider
 * throws (an unreachable Prometheus is a retryable unavailable error).
 */
export async function sourcedTraffic(
  environment: Environment,
  service: Service,
  targets: Targets,
  provider: EffectiveMetricsProvider,
): Promise<SourcedTraffic> {
  const target = targets.forEnvironment(environment);
  if (target.capabilities.countsTraffic)
    return { source: { type: "target" }, revisions: await target.traffic(environment, service) };
  switch (provider.type) {
    case "router":
      return {
        source: { type: "none", reason: noCounterReason(target, environment, provider.setting) },
        revisions: [],
      };
    case "prometheus": {
      const running = (await target.status(environment, service)).revisions.map((r) => r.revision);
      const revisions =
        running.length === 0
          ? []
          : await createMetricsProvider(provider, targets).sample({ environment, service, revisions: running });
      return { source: { type: "prometheus", setting: provider.setting }, revisions };
    }
  }
}

/** Why an environment whose target counts nothing has no traffic to show, and what to set. */
export function noCounterReason(
  target: Pick<Target, "kind">,
  environment: Pick<Environment, "name">,
  setting = "analysis.provider",
): string {
  return (
    `the ${target.kind} target of ${environment.name} counts no requests itself, and ${setting} is ` +
    `the router, which reads only a target's own counters: ${prometheusAdvice(environment.name)}, to see its traffic`
  );
}
