/**
 * What the canary and blue-green state machines share: the rollout they poll, judging from live
 * metrics, phases, and the wait that keeps the saved state and shows the progress.
 */
import type { Analysis, Environment, Service } from "../../../config/types.js";
import { judgeCanary } from "../../../analysis/judge.js";
import type { Verdict } from "../../../analysis/judge.js";
import { createMetricsProvider } from "../../../analysis/providers/index.js";
import { metricsProviderFor } from "../../../config/metrics-provider.js";
import type {
  RevisionStatus,
  RevisionTraffic,
  SecretReference,
  ServiceStatus,
  Target,
} from "../../../targets/target.js";
import { countersOf, countersSince, zeroCounters } from "../../strategies/progressive.js";
import type { WaitReason } from "../../types.js";
import type { RevisionOutput } from "../revision.js";
import { digestOf } from "../digest-of.js";
import type {
  BlueGreenPlan,
  CanaryPlan,
  ProgressiveState,
  RolloutContext,
  RolloutOutput,
  RolloutResult,
} from "../rollout-schemas.js";

export type { ProgressiveState } from "../rollout-schemas.js";

export interface ProgressiveRollout {
  ctx: RolloutContext;
  environment: Environment;
  service: Service;
  spec: RevisionOutput;
  target: Target;
  env: Record<string, string>;
  secrets: SecretReference[];
}

export const POLL_MS = 250;
/** Polls while paused: the router's guard and crashes still count while a person decides. */
export const PAUSED_POLL_MS = 1000;

export function initialState(
  plan: CanaryPlan | BlueGreenPlan,
  revision: number,
  stable: number | null,
  now: number,
): ProgressiveState {
  return {
    strategy: plan.type,
    plan,
    revision,
    phase: "starting",
    pausedFrom: null,
    startedAt: now,
    phaseStartedAt: now,
    readySince: {},
    stable,
    step: 0,
    baseline: null,
    handled: 0,
    timeline: [],
    reasons: [],
  };
}

/** The revision serving users now besides `revision`: the one with the most traffic. */
export function servingRevision(status: ServiceStatus, revision: number): number | null {
  const others = status.revisions.filter((r) => r.revision !== revision && r.ready > 0);
  let best: number | null = null;
  let bestWeight = 0;
  for (const r of others) {
    const weight = status.weights[String(r.revision)] ?? 0;
    if (weight > bestWeight) [best, bestWeight] = [r.revision, weight];
  }
  return best;
}

/** Instances of a revision ready for at least minReady, tracking readiness in `readySince`. */
export function provenInstances(
  revision: RevisionStatus | undefined,
  readySince: Record<string, number>,
  now: number,
  minReadyMs: number,
): number {
  if (!revision) return 0;
  const instances = revision.instances.length
    ? revision.instances
    : Array.from({ length: revision.ready }, (_, i) => ({ id: `#${i}`, state: "ready" }));
  let proven = 0;
  for (const instance of instances) {
    if (instance.state !== "ready") {
      delete readySince[instance.id];
      continue;
    }
    const since = (readySince[instance.id] ??= now);
    if (now - since >= minReadyMs) proven++;
  }
  return proven;
}

export async function judge(
  r: ProgressiveRollout,
  state: ProgressiveState,
  mine: RevisionStatus | undefined,
  atBakeEnd: boolean,
): Promise<Verdict> {
  const { ctx, spec } = r;
  const sample = await sampleTraffic(r, [spec.revision, ...(state.stable === null ? [] : [state.stable])]);
  const canaryNow = countersOf(sample, spec.revision);
  const stableNow = countersOf(sample, state.stable);
  const base = state.baseline;
  const canary = countersSince(canaryNow, base?.canary ?? null);
  // After a blue-green switch the previous revision serves nobody: the new one is judged alone.
  const stable =
    state.phase === "switched" || state.pausedFrom === "switched"
      ? zeroCounters(canary.latency.le)
      : countersSince(stableNow, base?.stable ?? null);
  const analysis = ctx.platform.analysis;
  const verdict = judgeCanary({
    canary: {
      ...canary,
      restarts: mine?.restarts ?? 0,
      ...(mine?.cpuPercent == null ? {} : { cpuPercent: mine.cpuPercent }),
      ...(mine?.memoryPercent == null ? {} : { memoryPercent: mine.memoryPercent }),
    },
    stable,
    thresholds: analysis.thresholds,
    judgement: analysis.judgement,
    atBakeEnd,
  });
  return verdict;
}

/** The revisions' cumulative counters from the environment's metrics provider, else the platform's (the router's by default). */
async function sampleTraffic(r: ProgressiveRollout, revisions: number[]): Promise<RevisionTraffic[]> {
  const bound = r.ctx.targets.forEnvironment(r.environment).kind;
  const provider = createMetricsProvider(metricsProviderFor(r.ctx.platform, r.environment, bound), r.ctx.targets);
  const all = await provider.sample({ environment: r.environment, service: r.service, revisions }, r.ctx.signal);
  return all.filter((t) => revisions.includes(t.revision));
}

/** Starts a phase from the counters of now; `weight` (the new revision's share from now on) goes on the timeline unless null. */
export async function beginPhase(
  r: ProgressiveRollout,
  state: ProgressiveState,
  phase: ProgressiveState["phase"],
  weight: number | null,
): Promise<void> {
  const now = r.ctx.clock.now();
  const sample = await sampleTraffic(r, [r.spec.revision, ...(state.stable === null ? [] : [state.stable])]);
  state.phase = phase;
  state.pausedFrom = null;
  state.phaseStartedAt = now;
  state.baseline = { canary: countersOf(sample, r.spec.revision), stable: countersOf(sample, state.stable) };
  state.reasons = [];
  if (weight !== null) state.timeline.push({ at: now, weight });
}

export async function ensure(
  r: ProgressiveRollout,
  revision: number,
  tag: string,
  replicas: number,
  running: RevisionStatus | undefined,
): Promise<void> {
  if (running && running.desired === replicas) return;
  const { ctx, environment, service, env, secrets } = r;
  await r.target.ensureRevision(
    {
      environment,
      service,
      revision,
      tag,
      digest:
        revision === r.spec.revision ? r.spec.digest : await digestOf(ctx, environment.name, service.name, revision),
      replicas,
      env,
      secrets,
      idempotencyKey: `${ctx.idempotencyKey}/${revision}-${replicas}`,
    },
    ctx.signal,
  );
}

export function wait(r: ProgressiveRollout, state: ProgressiveState, message: string, pollMs: number): RolloutResult {
  const now = r.ctx.clock.now();
  const strategy = state.plan;
  const paused = state.phase === "paused";
  const weight = state.timeline.at(-1)?.weight ?? 0;
  let endsAtMs: number | null = null;
  if (!paused && strategy.type === "canary" && state.phase === "baking")
    endsAtMs = state.phaseStartedAt + strategy.steps[state.step]!.bakeMs;
  if (!paused && strategy.type === "blue-green" && (state.phase === "preview" || state.phase === "switched"))
    endsAtMs =
      state.phaseStartedAt + (state.phase === "preview" ? strategy.previewAnalysisMs : strategy.postSwitchAnalysisMs);
  const reason: WaitReason = {
    kind: "analysis",
    environment: r.environment.name,
    service: r.service.name,
    message,
    strategy: state.strategy,
    revision: r.spec.revision,
    stable: state.stable,
    weight,
    phase: paused ? `paused (${state.pausedFrom ?? "baking"})` : state.phase,
    endsAtMs,
    paused,
    reasons: state.reasons,
  };
  return { outcome: "wait", reason, wakeAtMs: now + pollMs, state, output: progress(r, state) };
}

export function bakeText(bakeMs: number): string {
  return bakeMs > 0 ? `, baking ${Math.round(bakeMs / 1000)} s` : "";
}

export function guardThresholds(analysis: Analysis): {
  errorRatePercent?: { warning: number; critical: number };
  latencyP99Ms?: { warning: number; critical: number };
} {
  const { errorRatePercent, latencyP99Ms } = analysis.thresholds;
  return { ...(errorRatePercent ? { errorRatePercent } : {}), ...(latencyP99Ms ? { latencyP99Ms } : {}) };
}

/** The output of a rollout done. */
export function output(r: ProgressiveRollout, state: ProgressiveState): RolloutOutput {
  return {
    revision: r.spec.revision,
    tag: r.spec.tag,
    strategy: state.strategy,
    previous: state.stable,
    timeline: state.timeline,
  };
}

/** What the API and dashboard see of a rollout under way (its saved state stays private). */
export function progress(r: ProgressiveRollout, state: ProgressiveState): RolloutOutput {
  const plan = state.plan;
  return {
    strategy: state.strategy,
    revision: r.spec.revision,
    tag: r.spec.tag,
    previous: state.stable,
    phase: state.phase,
    pausedFrom: state.pausedFrom,
    phaseStartedAt: state.phaseStartedAt,
    step: plan.type === "canary" ? state.step + 1 : null,
    steps: plan.type === "canary" ? plan.steps.length : null,
    baseline: state.baseline,
    timeline: state.timeline,
  };
}
