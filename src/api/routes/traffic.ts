import * as z from "zod";
import { p99FromHistogram } from "../../analysis/histogram.js";
import { createMetricsProvider } from "../../analysis/providers/index.js";
import { rolloutProgress } from "../../engine/steps/rollout-schemas.js";
import { countersOf, countersSince } from "../../engine/strategies/progressive.js";
import { metricsProviderFor } from "../../config/metrics-provider.js";
import type { MetricsProviderConfig } from "../../config/types.js";
import { FINAL_STATUSES } from "../../engine/types.js";
import type { RunView } from "../../engine/types.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import type { RevisionTraffic } from "../../targets/target.js";
import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import { serviceNames } from "../service-schemas.js";
import type { ZodApp } from "../zod.js";
import { SIGNED_IN } from "../permission.js";
import { isKind } from "../../kind.js";
import { sourcedTraffic, trafficSourceView } from "../traffic-source.js";

const threshold = z.object({ warning: z.number(), critical: z.number() }).nullable();

export const revisionTrafficView = z.object({
  revision: z.number(),
  requests: z.number().describe("Requests since the target began counting (cumulative; a drop means it restarted)."),
  errors: z.number().describe("Of those, answered with a 5xx."),
  errorRatePercent: z.number().nullable().describe("errors / requests × 100; null without requests."),
  p99Ms: z
    .number()
    .nullable()
    .describe("The 99th percentile latency from the target's histogram; null without requests."),
});

export const trafficPhaseView = z
  .object({
    run: z.string(),
    strategy: z.enum(["canary", "blue-green"]),
    phase: z
      .string()
      .describe("The rollout's phase: baking, paused, finishing (canary); preview, switched, paused (blue-green)."),
    pausedFrom: z.string().nullable().describe("The phase a pause interrupted; null when not paused."),
    step: z.number().nullable().describe("Canary: the current step, counted from 1; null for blue-green."),
    steps: z.number().nullable().describe("Canary: how many steps the plan has; null for blue-green."),
    weight: z
      .number()
      .nullable()
      .describe("The new revision's share of traffic now, in percent; null before any was set."),
    since: z
      .number()
      .describe("When the phase began (a step, the preview, the switch): the counters below count from then."),
    source: z
      .string()
      .describe(
        "The metrics provider the engine judges from (`router`: the target's counters, as `revisions` above; `prometheus`).",
      ),
    revisions: z
      .array(revisionTrafficView)
      .describe(
        "The new revision, then the stable one: requests, errors, error rate and p99 since the phase began, as the engine judges them.",
      ),
  })
  .describe(
    "The window the engine judges: each revision's counters since the current phase began, less those at its start.",
  );

export const trafficQuery = z.strictObject({
  run: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      "A run rolling this service out in this environment as a canary or blue-green: adds `phase`, the counters since its current phase began. An unknown run is a 404.",
    ),
});

export const trafficView = z
  .object({
    environment: z.string(),
    service: z.string(),
    at: z.number(),
    revisions: z
      .array(revisionTrafficView)
      .describe(
        "Per revision, by revision number: those the target counts, or each revision it runs as the metrics provider counts it (see `source`).",
      ),
    source: trafficSourceView,
    thresholds: z
      .object({ errorRatePercent: threshold, latencyP99Ms: threshold })
      .describe("The platform's analysis thresholds a canary is judged against (null: not judged on it)."),
    phase: trafficPhaseView
      .nullable()
      .optional()
      .describe(
        "With `?run=`: the current phase's counters; null when the run is not rolling the service out there under analysis now (not begun, rolling, finished).",
      ),
  })
  .describe(
    "A service's traffic per revision, as its environment's target or the analysis provider counts it, with the analysis thresholds.",
  );

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

type Progress = z.output<typeof rolloutProgress> & {
  baseline: NonNullable<z.output<typeof rolloutProgress>["baseline"]>;
};

/**
 * The progress of the run's canary or blue-green rollout of `service` in `environment`, while it
 * is under analysis (a phase with a baseline); null otherwise. It is the waiting step's public
 * output (the step's saved state is private). Pure.
 */
export function rolloutUnderAnalysis(run: RunView, environment: string, service: string): Progress | null {
  if (FINAL_STATUSES.includes(run.status)) return null;
  for (const stage of run.stages) {
    if ((stage.environment ?? run.environment) !== environment) continue;
    for (const step of stage.steps) {
      if (!isKind(step, "rollout") || (step.key !== `rollout/${service}` && !step.key.endsWith(`/rollout/${service}`)))
        continue;
      if (step.status !== "waiting" && step.status !== "running") continue;
      const parsed = rolloutProgress.safeParse(step.output);
      if (!parsed.success) continue;
      const { baseline } = parsed.data;
      if (baseline !== null) return { ...parsed.data, baseline };
    }
  }
  return null;
}

/**
 * Each revision's counters since the phase began: the engine's own difference (`countersSince`),
 * bucket by bucket for the latency histogram, so the p99 is the phase's too. A counter that went
 * down (the source restarted) counts everything it reports as new, as the engine does. Pure.
 */
export function phaseTraffic(
  run: string,
  state: Progress,
  sample: readonly RevisionTraffic[],
  source: string,
): z.infer<typeof trafficPhaseView> {
  const baseline = state.baseline;
  const revisions = [
    { revision: state.revision, base: baseline.canary },
    ...(state.previous === null ? [] : [{ revision: state.previous, base: baseline.stable }]),
  ];
  return {
    run,
    strategy: state.strategy,
    phase: state.phase,
    pausedFrom: state.pausedFrom,
    step: state.step,
    steps: state.steps,
    weight: state.timeline.at(-1)?.weight ?? null,
    since: state.phaseStartedAt,
    source,
    revisions: revisions.map(({ revision, base }) =>
      revisionTraffic({ revision, ...countersSince(countersOf(sample, revision), base) }),
    ),
  };
}

/** What a canary is judged on, per revision: the canary view of the dashboard polls it. */
export function registerTrafficRoutes(app: ZodApp, context: ApiContext): void {
  const { targets, clock, engine } = context;
  app.get(
    "/traffic/:environment/:service",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "getTraffic",
        tags: ["services"],
        summary: "Requests, errors, error rate and p99 latency per revision of a service, with the analysis thresholds",
        params: serviceNames,
        querystring: trafficQuery,
        response: { 200: trafficView, ...commonErrors },
      },
    },
    async (request) => {
      const environment = findEnvironment(context.platform, request.params.environment);
      const service = findService(context.platform, request.params.service);
      // An unknown run is a 404 before any target is asked.
      const run = request.query.run === undefined ? undefined : await engine.get(request.query.run);
      // Read only: where nothing runs, nothing was served (targets never start anything for it).
      const effective = metricsProviderFor(context.platform, environment, targets.forEnvironment(environment).kind);
      const { source, revisions: list } = await sourcedTraffic(environment, service, targets, effective);
      let phase: z.infer<typeof trafficPhaseView> | null | undefined;
      if (run !== undefined) {
        const state = rolloutUnderAnalysis(run, environment.name, service.name);
        if (state === null) phase = null;
        else {
          // The engine's baseline came from the environment's metrics provider: the phase is read from it too.
          const provider = createMetricsProvider(effective, targets);
          const asked = [state.revision, ...(state.previous === null ? [] : [state.previous])];
          // The router provider reads the target's counters, and on a target that counts none the
          // provider was just asked for the revisions that run: what was just read, unless a revision is missing.
          const sampled = new Set(list.map((t) => t.revision));
          const sample =
            readsTargetCounters(effective) || (source.type === "prometheus" && asked.every((r) => sampled.has(r)))
              ? list
              : await provider.sample({ environment, service, revisions: asked });
          phase = phaseTraffic(run.id, state, sample, provider.kind);
        }
      }
      const { errorRatePercent, latencyP99Ms } = context.platform.analysis.thresholds;
      return {
        environment: environment.name,
        service: service.name,
        at: clock.now(),
        revisions: [...list].sort((a, b) => a.revision - b.revision).map(revisionTraffic),
        source,
        thresholds: {
          errorRatePercent: errorRatePercent
            ? { warning: errorRatePercent.warning, critical: errorRatePercent.critical }
            : null,
          latencyP99Ms: latencyP99Ms ? { warning: latencyP99Ms.warning, critical: latencyP99Ms.critical } : null,
        },
        ...(phase === undefined ? {} : { phase }),
      };
    },
  );
}

/** Whether the analysis reads the target's own counters (what `Target.traffic` answers). */
function readsTargetCounters(provider: MetricsProviderConfig): boolean {
  switch (provider.type) {
    case "router":
      return true;
    case "prometheus":
      return false;
  }
}
