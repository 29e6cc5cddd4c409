import type { RevisionTraffic, Targets } from "../../targets/target.js";
import type { MetricsProvider, MetricsQuery } from "./provider.js";

/**
 * The default provider: the counters the environment's target keeps (the local router's), asked
 * of the target. A revision the target has no counters for reads as zeros.
 */
export function routerProvider(targets: Targets): MetricsProvider {
  return {
    kind: "router",
    async sample({ environment, service, revisions }: MetricsQuery, signal?: AbortSignal): Promise<RevisionTraffic[]> {
      signal?.throwIfAborted();
      const traffic = await targets.forEnvironment(environment).traffic(environment, service);
      const byRevision = new Map(traffic.map((t) => [t.revision, t]));
      return [...new Set(revisions)].map((revision) => byRevision.get(revision) ?? noTraffic(revision));
    },
  };
}

export function noTraffic(revision: number): RevisionTraffic {
  return { revision, requests: 0, errors: 0, latency: { le: [], counts: [], sumMs: 0 } };
}
