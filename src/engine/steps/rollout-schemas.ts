/**
 * The rollout step's contract: its parameters, its private saved state (a rolling update's or a
 * canary/blue-green state machine's) and its public output (what the API and dashboard read: the
 * progress of a canary or blue-green rollout while it waits, the revision it rolled out once done).
 */
import * as z from "zod";
import type { TypedStepContext, TypedStepResult } from "./contract.js";
import { environmentName, serviceName, stepKey } from "./names.js";

export const rolloutParams = z.strictObject({
  environment: environmentName,
  service: serviceName,
  /** The step whose output names the revision ({revision, tag, replicas}). */
  revisionStep: stepKey,
  /** `canary` (deploy/promote --canary) makes it a canary; `rolling` forces a rolling update (rollbacks, repairs). Default: the service's or environment's strategy. */
  strategy: z.enum(["canary", "rolling"]).optional(),
});
export type RolloutParams = z.output<typeof rolloutParams>;

const instantMs = z.record(z.string(), z.number());

/** A rolling update between polls; `strategy` is absent in what versions before it saved. */
export const rollingState = z.strictObject({
  strategy: z.literal("rolling").default("rolling"),
  startedAt: z.number(),
  /** Instance id → when the engine first saw it ready. */
  readySince: instantMs,
  ensured: z.boolean(),
  /** The target rolls it out itself (`Target.rollOut`); absent in what versions before it saved: the engine drives it. */
  native: z.boolean().optional(),
});

const canaryStep = z.strictObject({ weight: z.number(), bakeMs: z.number() });
export const canaryPlan = z.strictObject({
  type: z.literal("canary"),
  plan: z.string().optional(),
  steps: z.array(canaryStep).min(1),
});
export const blueGreenPlan = z.strictObject({
  type: z.literal("blue-green"),
  previewAnalysisMs: z.number(),
  postSwitchAnalysisMs: z.number(),
  standbyMs: z.number(),
  mirrorPercent: z.number(),
});
export type CanaryPlan = z.output<typeof canaryPlan>;
export type BlueGreenPlan = z.output<typeof blueGreenPlan>;

const counters = z.object({
  requests: z.number(),
  errors: z.number(),
  latency: z.object({ le: z.array(z.number()), counts: z.array(z.number()), sumMs: z.number() }),
});
const baseline = z.object({ canary: counters, stable: counters }).nullable();
const timeline = z.array(z.object({ at: z.number(), weight: z.number() }));
/** canary: starting → baking ⇄ paused → finishing. blue-green: starting → preview (⇄ paused) → switched (⇄ paused) → done. */
export const PHASES = ["starting", "baking", "paused", "finishing", "preview", "switched"] as const;
const phase = z.enum(PHASES);
const pausedFrom = z.enum(["baking", "preview", "switched"]).nullable();

/** A canary or blue-green rollout between polls. */
export const progressiveState = z.object({
  strategy: z.enum(["canary", "blue-green"]),
  /** The strategy as resolved when the rollout began: later platform changes do not alter a rollout under way. */
  plan: z.discriminatedUnion("type", [canaryPlan, blueGreenPlan]),
  revision: z.int(),
  phase,
  /** The phase a pause interrupted. */
  pausedFrom,
  startedAt: z.number(),
  phaseStartedAt: z.number(),
  readySince: instantMs,
  /** The revision serving users before this rollout, judged against; null when there was none. */
  stable: z.int().nullable(),
  /** Canary: index of the current step. */
  step: z.int(),
  /** Counters when the current phase began. */
  baseline,
  /** The last command acted on. */
  handled: z.number(),
  /** Weight of the new revision over time. */
  timeline,
  reasons: z.array(z.string()),
});
export type ProgressiveState = z.output<typeof progressiveState>;

export const rolloutState = z.union([progressiveState, rollingState]);
export type RolloutState = z.output<typeof rolloutState>;

/** What people and dashboards see of a canary or blue-green rollout while it waits. */
export const rolloutProgress = z
  .strictObject({
    strategy: z.enum(["canary", "blue-green"]),
    revision: z.int(),
    tag: z.string(),
    previous: z.int().nullable().describe("The stable revision it is judged against."),
    phase,
    pausedFrom,
    phaseStartedAt: z.number(),
    step: z.int().nullable().describe("Canary: the current step, counted from 1; null for blue-green."),
    steps: z.int().nullable().describe("Canary: how many steps the plan has; null for blue-green."),
    baseline: baseline.describe("The revisions' counters when the phase began: what the phase is judged on."),
    timeline: timeline.describe("The new revision's weight over time."),
  })
  .describe("A canary or blue-green rollout under way.");

/** A canary or blue-green rollout done. */
export const progressiveOutput = z.strictObject({
  revision: z.int(),
  tag: z.string(),
  strategy: z.enum(["canary", "blue-green"]),
  previous: z.int().nullable(),
  timeline,
});

export const rollingOutput = z.strictObject({ revision: z.int(), tag: z.string() });

export const rolloutOutput = z.union([rolloutProgress, progressiveOutput, rollingOutput]);
export type RolloutOutput = z.output<typeof rolloutOutput>;

export type RolloutContext = TypedStepContext<RolloutState>;
export type RolloutResult = TypedStepResult<RolloutState, RolloutOutput>;
