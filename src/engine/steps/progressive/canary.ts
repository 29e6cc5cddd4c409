/** The canary state machine: starting → baking ⇄ paused → finishing, step by step of the plan. */
import { completeRollout } from "../../../store/revisions/rollout.js";
import type { RevisionStatus, ServiceStatus } from "../../../targets/target.js";
import { canaryPods, canaryReplicas, canaryWeights } from "../../strategies/progressive.js";
import type { CanaryPlan, RolloutResult } from "../rollout-schemas.js";
import { abort } from "./abort.js";
import {
  bakeText,
  beginPhase,
  ensure,
  guardThresholds,
  judge,
  output,
  PAUSED_POLL_MS,
  POLL_MS,
  provenInstances,
  wait,
} from "./common.js";
import type { ProgressiveRollout, ProgressiveState } from "./common.js";
import { utcText } from "../../../gates/utc-text.js";

type Canary = CanaryPlan;

export async function pollCanary(
  r: ProgressiveRollout,
  strategy: Canary,
  state: ProgressiveState,
  status: ServiceStatus,
  mine: RevisionStatus | undefined,
  advance: boolean,
): Promise<RolloutResult> {
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
  if (verdict.decision === "abort") return abort(r, state, `analysis: ${verdict.reasons.join("; ")}`, "analysis");
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

/** All traffic on the new revision: the others stop, the revision becomes active. */
async function finish(r: ProgressiveRollout, state: ProgressiveState, status: ServiceStatus): Promise<RolloutResult> {
  const { ctx, environment, service, spec, target } = r;
  await target.setWeights(environment, service, { [spec.revision]: 100 });
  await target.setGuard(environment, service, null);
  for (const old of status.revisions.filter((x) => x.revision !== spec.revision))
    await target.removeRevision(environment, service, old.revision);
  const now = ctx.clock.now();
  await ctx.db.transaction((tx) =>
    completeRollout(tx, {
      environment: environment.name,
      service: service.name,
      revision: spec.revision,
      now,
      historyLimit: environment.historyLimit,
    }),
  );
  state.timeline.push({ at: now, weight: 100 });
  await ctx.log(
    `${service.name} in ${environment.name}: canary revision ${spec.revision} (${spec.tag}) serves all traffic`,
  );
  return { outcome: "done", output: output(r, state) };
}

/** Where traffic follows the replicas (Kubernetes without a Gateway), what the weight means in pods. */
function ratioText(r: ProgressiveRollout, weight: number): string {
  if (r.target.trafficSplit?.(r.environment) !== "replica ratio") return "";
  const pods = canaryPods(r.spec.replicas, weight);
  return ` by replica ratio (${pods.canary} canary pod${pods.canary === 1 ? "" : "s"} beside ${pods.stable} stable)`;
}

function canaryMessage(r: ProgressiveRollout, strategy: Canary, state: ProgressiveState): string {
  const step = strategy.steps[state.step]!;
  const where = `canary ${r.service.name} revision ${r.spec.revision} at ${step.weight}%${ratioText(r, step.weight)} (step ${state.step + 1} of ${strategy.steps.length})`;
  if (state.phase === "paused") return `${where} paused for a person`;
  return `${where}, baking until ${utcText(state.phaseStartedAt + step.bakeMs)}`;
}
