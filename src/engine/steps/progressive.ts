/**
 * Canary and blue-green rollouts, judged by live metrics. Each poll is level-triggered from what
 * the target reports and what the step saved, so it is right to repeat after a crash. The router
 * guards a canary by itself between polls (see CanaryGuard): the engine reads its verdict, and
 * also judges every poll from the metrics provider, for the bake ends, pauses and the signals the
 * router does not see (restarts, CPU, memory).
 */
import type { Analysis, Environment, Service, Strategy } from "../../config/types.js";
import { judgeCanary } from "../../analysis/judge.js";
import type { Verdict } from "../../analysis/judge.js";
import { activateRevision, pruneRevisions, setRevisionStatus } from "../../store/revisions/write.js";
import { createMetricsProvider } from "../../analysis/providers/index.js";
import type { RevisionStatus, RevisionTraffic, SecretReference, ServiceStatus, Target } from "../../targets/target.js";
import { canaryReplicas, canaryWeights, countersOf, countersSince, zeroCounters } from "../strategies/progressive.js";
import type { Counters } from "../strategies/progressive.js";
import type { Json, WaitReason } from "../types.js";
import { StepFailure } from "./handler.js";
import type { StepContext, StepResult } from "./handler.js";
import type { RevisionOutput } from "./revision.js";

type Canary = Extract<Strategy, { type: "canary" }>;
type BlueGreen = Extract<Strategy, { type: "blue-green" }>;

export interface ProgressiveState {
  strategy: "canary" | "blue-green";
  /** The strategy as resolved when the rollout began: later platform changes do not alter a rollout under way. */
  plan: Canary | BlueGreen;
  /** The new revision (readers of the saved state, such as the dashboard, need it between polls). */
  revision: number;
  /**
   * canary: starting → baking ⇄ paused → finishing. blue-green: starting → preview (⇄ paused) →
   * switched (⇄ paused) → done.
   */
  phase: "starting" | "baking" | "paused" | "finishing" | "preview" | "switched";
  /** The phase a pause interrupted. */
  pausedFrom: "baking" | "preview" | "switched" | null;
  startedAt: number;
  phaseStartedAt: number;
  readySince: Record<string, number>;
  /** The revision serving users before this rollout, judged against; null when there was none. */
  stable: number | null;
  /** Canary: index of the current step. */
  step: number;
  /** Counters when the current phase began. */
  baseline: { canary: Counters; stable: Counters } | null;
  /** The last command acted on. */
  handled: number;
  /** Weight of the new revision over time, for people and dashboards. */
  timeline: { at: number; weight: number }[];
  reasons: string[];
}

export interface ProgressiveRollout {
  ctx: StepContext;
  environment: Environment;
  service: Service;
  spec: RevisionOutput;
  target: Target;
  env: Record<string, string>;
  secrets: SecretReference[];
}

const POLL_MS = 250;
/** Polls while paused: the router's guard and crashes still count while a person decides. */
const PAUSED_POLL_MS = 1000;

export function initialState(
  plan: Canary | BlueGreen,
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

/** One poll of a canary or blue-green rollout. */
export async function pollProgressive(r: ProgressiveRollout, state: ProgressiveState): Promise<StepResult> {
  const { ctx, environment, service, spec, target } = r;
  const strategy = state.plan;
  const now = ctx.clock.now();
  let advance = false;
  for (const command of ctx.commands) {
    if (command.id <= state.handled) continue;
    state.handled = command.id;
    const by = `${command.actor}${command.comment ? `: ${command.comment}` : ""}`;
    if (command.command === "abort") return abort(r, state, `aborted by ${by}`);
    await ctx.log(`${service.name} in ${environment.name}: promote-step by ${by}`);
    advance = true;
  }

  const status = await target.status(environment, service);
  const mine = status.revisions.find((x) => x.revision === spec.revision);
  const guard = status.guard;
  if (guard && guard.canary === spec.revision && guard.verdict) {
    return abort(
      r,
      state,
      `the router aborted at ${new Date(guard.verdict.at).toISOString()}: ${guard.verdict.reasons.join("; ")}`,
    );
  }
  const restartLimit = ctx.platform.analysis.thresholds.podRestarts?.critical ?? 0;
  if (mine && mine.restarts > restartLimit)
    return abort(r, state, `an instance crashed (${mine.restarts} restart${mine.restarts === 1 ? "" : "s"})`);
  if (
    (state.phase === "starting" || state.phase === "finishing") &&
    now - state.phaseStartedAt > environment.progressDeadlineMs
  ) {
    return abort(
      r,
      state,
      `it was not ready within the progress deadline (${Math.round(environment.progressDeadlineMs / 1000)} s)`,
    );
  }
  return strategy.type === "canary"
    ? pollCanary(r, strategy, state, status, mine, advance)
    : pollBlueGreen(r, strategy, state, status, mine, advance);
}

async function pollCanary(
  r: ProgressiveRollout,
  strategy: Canary,
  state: ProgressiveState,
  status: ServiceStatus,
  mine: RevisionStatus | undefined,
  advance: boolean,
): Promise<StepResult> {
  const { ctx, environment, service, spec, target } = r;
  const now = ctx.clock.now();
  const stable = state.stable!;
  const step = strategy.steps[state.step]!;
  const analysis = ctx.platform.analysis;

  if (state.phase === "starting" || state.phase === "finishing") {
    const wanted = state.phase === "finishing" ? spec.replicas : canaryReplicas(spec.replicas, step.weight);
    await ensure(r, spec.revision, spec.tag, wanted, mine);
    if (provenInstances(mine, state.readySince, now, environment.minReadyMs) < wanted) {
      return wait(
        r,
        state,
        `starting ${wanted} instance${wanted === 1 ? "" : "s"} of revision ${spec.revision}: ${mine?.ready ?? 0} ready`,
        POLL_MS,
      );
    }
    if (state.phase === "finishing") return finish(r, state, status);
    // The guard first: the canary's first request is already judged, and shielded.
    await target.setGuard(environment, service, {
      canary: spec.revision,
      stable,
      thresholds: guardThresholds(analysis),
      judgement: analysis.judgement,
    });
    await target.setWeights(environment, service, canaryWeights(spec.revision, stable, step));
    await beginPhase(r, state, "baking", step.weight);
    await ctx.log(
      `${service.name} in ${environment.name}: canary revision ${spec.revision} (${spec.tag}) at ${step.weight}% beside revision ${stable}${bakeText(step.bakeMs)}`,
    );
    return wait(r, state, canaryMessage(r, strategy, state), POLL_MS);
  }

  const verdict = await judge(r, state, mine, state.phase === "baking" && now - state.phaseStartedAt >= step.bakeMs);
  if (verdict.decision === "abort") return abort(r, state, verdict.reasons.join("; "));
  if (state.phase === "paused") {
    if (!advance) return wait(r, state, canaryMessage(r, strategy, state), PAUSED_POLL_MS);
  } else if (verdict.decision === "pause") {
    state.phase = "paused";
    state.pausedFrom = "baking";
    state.reasons = verdict.reasons;
    await ctx.log(
      `${service.name} in ${environment.name}: canary paused at ${step.weight}% for a person: ${verdict.reasons.join("; ")}`,
    );
    return wait(r, state, canaryMessage(r, strategy, state), PAUSED_POLL_MS);
  } else if (!advance && !(verdict.decision === "pass" && now - state.phaseStartedAt >= step.bakeMs)) {
    state.reasons = verdict.reasons;
    return wait(r, state, canaryMessage(r, strategy, state), POLL_MS);
  }

  // The step passed, or a person promoted it.
  state.step++;
  const next = strategy.steps[state.step];
  if (!next || next.weight >= 100) {
    state.step = strategy.steps.length - 1;
    await beginPhase(r, state, "finishing", null); // 100% goes on the timeline when the traffic moves
    await ctx.log(
      `${service.name} in ${environment.name}: canary passed; scaling revision ${spec.revision} to ${spec.replicas}`,
    );
    return wait(r, state, `scaling revision ${spec.revision} to ${spec.replicas} before it takes all traffic`, POLL_MS);
  }
  const wanted = canaryReplicas(spec.replicas, next.weight);
  await ensure(r, spec.revision, spec.tag, wanted, mine);
  await target.setWeights(environment, service, canaryWeights(spec.revision, stable, next));
  await beginPhase(r, state, "baking", next.weight);
  await ctx.log(
    `${service.name} in ${environment.name}: canary revision ${spec.revision} at ${next.weight}%${bakeText(next.bakeMs)}`,
  );
  return wait(r, state, canaryMessage(r, strategy, state), POLL_MS);
}

async function pollBlueGreen(
  r: ProgressiveRollout,
  strategy: BlueGreen,
  state: ProgressiveState,
  status: ServiceStatus,
  mine: RevisionStatus | undefined,
  advance: boolean,
): Promise<StepResult> {
  const { ctx, environment, service, spec, target } = r;
  const now = ctx.clock.now();
  const stable = state.stable!;

  if (state.phase === "starting") {
    await ensure(r, spec.revision, spec.tag, spec.replicas, mine);
    if (provenInstances(mine, state.readySince, now, environment.minReadyMs) < spec.replicas) {
      return wait(
        r,
        state,
        `starting revision ${spec.revision} beside revision ${stable}: ${mine?.ready ?? 0}/${spec.replicas} ready`,
        POLL_MS,
      );
    }
    await target.setPreview(environment, service, { revision: spec.revision, mirrorPercent: strategy.mirrorPercent });
    const check = await previewCheck(r);
    if (check) return abort(r, state, check);
    await beginPhase(r, state, "preview", 0);
    await ctx.log(
      `${service.name} in ${environment.name}: revision ${spec.revision} (${spec.tag}) on the preview route beside revision ${stable}; ${strategy.mirrorPercent}% of reads mirrored to it for ${Math.round(strategy.previewAnalysisMs / 1000)} s`,
    );
    return wait(r, state, blueGreenMessage(r, state), POLL_MS);
  }

  const inPreview = state.phase === "preview" || state.pausedFrom === "preview";
  const analysisMs = inPreview ? strategy.previewAnalysisMs : strategy.postSwitchAnalysisMs;
  const verdict = await judge(r, state, mine, state.phase !== "paused" && now - state.phaseStartedAt >= analysisMs);
  if (verdict.decision === "abort") return abort(r, state, verdict.reasons.join("; "));
  if (state.phase === "paused") {
    if (!advance) return wait(r, state, blueGreenMessage(r, state), PAUSED_POLL_MS);
  } else if (verdict.decision === "pause") {
    state.pausedFrom = state.phase as "preview" | "switched";
    state.phase = "paused";
    state.reasons = verdict.reasons;
    await ctx.log(
      `${service.name} in ${environment.name}: ${inPreview ? "preview" : "post-switch"} analysis paused for a person: ${verdict.reasons.join("; ")}`,
    );
    return wait(r, state, blueGreenMessage(r, state), PAUSED_POLL_MS);
  } else if (!advance && !(verdict.decision === "pass" && now - state.phaseStartedAt >= analysisMs)) {
    state.reasons = verdict.reasons;
    return wait(r, state, blueGreenMessage(r, state), POLL_MS);
  }

  if (inPreview) {
    // The switch: all traffic at once; the previous revision stays as standby and guards the new one.
    const analysis = ctx.platform.analysis;
    await target.setGuard(environment, service, {
      canary: spec.revision,
      stable,
      thresholds: guardThresholds(analysis),
      judgement: analysis.judgement,
    });
    await target.setWeights(environment, service, { [spec.revision]: 100 });
    await target.setPreview(environment, service, null);
    const switchedAt = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      await activateRevision(tx, environment.name, service.name, spec.revision, switchedAt, true);
      await tx
        .updateTable("revisions")
        .set({ standby_until: switchedAt + strategy.standbyMs })
        .where("environment", "=", environment.name)
        .where("service", "=", service.name)
        .where("status", "=", "standby")
        .execute();
    });
    await beginPhase(r, state, "switched", 100);
    await ctx.log(
      `${service.name} in ${environment.name}: switched all traffic to revision ${spec.revision} (${spec.tag}); revision ${stable} stays as standby for ${Math.round(strategy.standbyMs / 60_000)} min`,
    );
    return wait(r, state, blueGreenMessage(r, state), POLL_MS);
  }
  await target.setGuard(environment, service, null);
  await ctx.db.transaction((tx) => pruneRevisions(tx, environment.name, service.name, environment.historyLimit));
  await ctx.log(`${service.name} in ${environment.name}: revision ${spec.revision} passed post-switch analysis`);
  return { outcome: "done", output: output(r, state) };
}

/** A GET of the service's health path through the preview route, before any analysis (the target's probe). */
function previewCheck(r: ProgressiveRollout): Promise<string | undefined> {
  return r.target.probePreview(r.environment, r.service, r.ctx.signal);
}

async function judge(
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

/** The revisions' cumulative counters from the platform's metrics provider (the router's by default). */
async function sampleTraffic(r: ProgressiveRollout, revisions: number[]): Promise<RevisionTraffic[]> {
  const provider = createMetricsProvider(r.ctx.platform.analysis, r.ctx.targets);
  const all = await provider.sample({ environment: r.environment, service: r.service, revisions }, r.ctx.signal);
  return all.filter((t) => revisions.includes(t.revision));
}

/** Starts a phase from the counters of now; `weight` (the new revision's share from now on) goes on the timeline unless null. */
async function beginPhase(
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

async function ensure(
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
      replicas,
      env,
      secrets,
      idempotencyKey: `${ctx.idempotencyKey}/${revision}-${replicas}`,
    },
    ctx.signal,
  );
}

/** All traffic on the new revision: the others stop, the revision becomes active. */
async function finish(r: ProgressiveRollout, state: ProgressiveState, status: ServiceStatus): Promise<StepResult> {
  const { ctx, environment, service, spec, target } = r;
  await target.setWeights(environment, service, { [spec.revision]: 100 });
  await target.setGuard(environment, service, null);
  for (const old of status.revisions.filter((x) => x.revision !== spec.revision))
    await target.removeRevision(environment, service, old.revision);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await activateRevision(tx, environment.name, service.name, spec.revision, now, false);
    await pruneRevisions(tx, environment.name, service.name, environment.historyLimit);
  });
  state.timeline.push({ at: now, weight: 100 });
  await ctx.log(
    `${service.name} in ${environment.name}: canary revision ${spec.revision} (${spec.tag}) serves all traffic`,
  );
  return { outcome: "done", output: output(r, state) };
}

/**
 * Everything back on the stable revision at once (the router's guard may have done it already),
 * then the new revision stops and is marked failed. A blue-green switch that already happened is
 * switched back, its standby made active again.
 */
async function abort(r: ProgressiveRollout, state: ProgressiveState, why: string): Promise<never> {
  const { ctx, environment, service, spec, target } = r;
  const stable = state.stable;
  if (stable !== null) await target.setWeights(environment, service, { [stable]: 100 });
  await target.setGuard(environment, service, null);
  if (state.strategy === "blue-green") await target.setPreview(environment, service, null);
  await target.removeRevision(environment, service, spec.revision);
  const now = ctx.clock.now();
  // The new revision's share is 0 from here: the timeline in the failure's details ends there.
  if ((state.timeline.at(-1)?.weight ?? 0) !== 0) state.timeline.push({ at: now, weight: 0 });
  await ctx.db.transaction(async (tx) => {
    if (stable !== null) {
      await setRevisionStatus(tx, environment.name, service.name, stable, "active", now);
      await tx
        .updateTable("revisions")
        .set({ standby_until: null })
        .where("environment", "=", environment.name)
        .where("service", "=", service.name)
        .where("number", "=", stable)
        .execute();
    }
    await setRevisionStatus(tx, environment.name, service.name, spec.revision, "failed", now);
  });
  const back = stable !== null ? `all traffic back on revision ${stable}` : "no previous revision to go back to";
  const what =
    state.strategy === "canary"
      ? "canary"
      : state.phase === "switched" || state.pausedFrom === "switched"
        ? "blue-green switch"
        : "blue-green preview";
  await ctx.log(
    `${service.name} in ${environment.name}: ${what} of revision ${spec.revision} (${spec.tag}) aborted: ${why}; ${back}`,
  );
  throw new StepFailure(
    `${what} of ${service.name} revision ${spec.revision} (${spec.tag}) in ${environment.name} aborted: ${why}; ${back}`,
    {
      details: {
        revision: spec.revision,
        rolledBackTo: stable,
        strategy: state.strategy,
        timeline: state.timeline as unknown as Json,
      },
    },
  );
}

function wait(r: ProgressiveRollout, state: ProgressiveState, message: string, pollMs: number): StepResult {
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
  return { outcome: "wait", reason, wakeAtMs: now + pollMs, state: state as unknown as Json };
}

function canaryMessage(r: ProgressiveRollout, strategy: Canary, state: ProgressiveState): string {
  const step = strategy.steps[state.step]!;
  const where = `canary ${r.service.name} revision ${r.spec.revision} at ${step.weight}% (step ${state.step + 1} of ${strategy.steps.length})`;
  if (state.phase === "paused") return `${where} paused for a person`;
  return `${where}, baking until ${new Date(state.phaseStartedAt + step.bakeMs).toISOString()}`;
}

function blueGreenMessage(r: ProgressiveRollout, state: ProgressiveState): string {
  const where = `blue-green ${r.service.name} revision ${r.spec.revision}`;
  const phase = state.phase === "paused" ? state.pausedFrom : state.phase;
  const what =
    phase === "preview"
      ? `on the preview route beside revision ${state.stable}`
      : `serving all traffic, revision ${state.stable} on standby`;
  return `${where} ${what}${state.phase === "paused" ? ", paused for a person" : ", under analysis"}`;
}

function bakeText(bakeMs: number): string {
  return bakeMs > 0 ? `, baking ${Math.round(bakeMs / 1000)} s` : "";
}

function guardThresholds(analysis: Analysis): {
  errorRatePercent?: { warning: number; critical: number };
  latencyP99Ms?: { warning: number; critical: number };
} {
  const { errorRatePercent, latencyP99Ms } = analysis.thresholds;
  return { ...(errorRatePercent ? { errorRatePercent } : {}), ...(latencyP99Ms ? { latencyP99Ms } : {}) };
}

function output(r: ProgressiveRollout, state: ProgressiveState): Json {
  return {
    revision: r.spec.revision,
    tag: r.spec.tag,
    strategy: state.strategy,
    previous: state.stable,
    timeline: state.timeline as unknown as Json,
  };
}
