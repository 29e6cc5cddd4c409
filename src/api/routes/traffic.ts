import * as z from "zod";
import { p99FromHistogram } from "../../analysis/histogram.js";
import { connectAgent } from "../../local/agent/client.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import type { RevisionTraffic } from "../../targets/target.js";
import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import { serviceNames } from "../service-schemas.js";
import type { ZodApp } from "../zod.js";

const threshold = z.object({ warning: z.number(), critical: z.number() }).nullable();

export const revisionTrafficView = z.object({
  revision: z.number(),
  requests: z.number().describe("Requests since the target began counting (cumulative; a drop means it restarted)."),
  errors: z.number().describe("Of those, answered with a 5xx."),
  errorRatePercent: z.number().nullable().describe("errors / requests × 100; null without requests."),
  p99Ms: z.number().nullable().describe("The 99th percentile latency from the target's histogram; null without requests."),
});

export const trafficView = z
  .object({
    environment: z.string(),
    service: z.string(),
    at: z.number(),
    revisions: z.array(revisionTrafficView).describe("Per revision the target counts, by revision number."),
    thresholds: z
      .object({ errorRatePercent: threshold, latencyP99Ms: threshold })
      .describe("The platform's analysis thresholds a canary is judged against (null: not judged on it)."),
  })
  .describe("A service's traffic per revision, as its environment's target counts it, with the analysis thresholds.");

export type TrafficView = z.infer<typeof trafficView>;

/** One revision's counters as the dashboard and the CLI read them. */
export function revisionTraffic(t: RevisionTraffic): z.infer<typeof revisionTrafficView> {
  const p99 = p99FromHistogram(t.latency, t.requests);
  return {
    revision: t.revision,
    requests: t.requests,
    errors: t.errors,
    errorRatePercent: t.requests > 0 ? (t.errors / t.requests) * 100 : null,
    p99Ms: p99 ?? null,
  };
}

/** What a canary is judged on, per revision: the canary view of the dashboard polls it. */
export function registerTrafficRoutes(app: ZodApp, { platform, targets, stateDir, clock }: ApiContext): void {
  app.get(
    "/traffic/:environment/:service",
    {
      schema: {
        tags: ["services"],
        summary: "Requests, errors, error rate and p99 latency per revision of a service, with the analysis thresholds",
        params: serviceNames,
        response: { 200: trafficView, ...commonErrors },
      },
    },
    async (request) => {
      const environment = findEnvironment(platform, request.params.environment);
      const service = findService(platform, request.params.service);
      const target = targets.forEnvironment(environment);
      let list: RevisionTraffic[];
      if (target.kind === "local") {
        // Found, never started: reading traffic must not bring up an agent (none runs: no traffic).
        const agent = await connectAgent(stateDir);
        list = agent ? await target.traffic(environment, service) : [];
      } else {
        list = await target.traffic(environment, service);
      }
      const { errorRatePercent, latencyP99Ms } = platform.analysis.thresholds;
      return {
        environment: environment.name,
        service: service.name,
        at: clock.now(),
        revisions: [...list].sort((a, b) => a.revision - b.revision).map(revisionTraffic),
        thresholds: {
          errorRatePercent: errorRatePercent ? { warning: errorRatePercent.warning, critical: errorRatePercent.critical } : null,
          latencyP99Ms: latencyP99Ms ? { warning: latencyP99Ms.warning, critical: latencyP99Ms.critical } : null,
        },
      };
    },
  );
}
