/** The blue-green state machine: starting → preview (⇄ paused) → switched (⇄ paused) → done. */
import { pruneRevisions } from "../../../store/revisions/write.js";
import { recordSwitch } from "../../../store/revisions/rollout.js";
import type { RevisionStatus, ServiceStatus } from "../../../targets/target.js";
import type { BlueGreenPlan, RolloutResult } from "../rollout-schemas.js";
import { abort } from "./abort.js";
import {
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

type BlueGreen = BlueGreenPlan;

export async function pollBlueGreen(
  r: ProgressiveRollout,
  strategy: BlueGreen,
  state: ProgressiveState,
  status: ServiceStatus,
  mine: RevisionStatus | undefined,
  advance: boolean,
): Promise<RolloutResult> {
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
    const check = await target.probePreview(environment, service, ctx.signal);
    if (check.outcome === "failed") return abort(r, state, check.reason, "preview-check");
    if (check.outcome === "skipped")
      await ctx.log(
        `${service.name} in ${environment.name}: no check of the preview before the switch: ${check.reason}`,
      );
    await beginPhase(r, state, "preview", 0);
    // By Service selector (Kubernetes without a Gateway) nothing copies reads to the preview.
    const mirrored = target.trafficSplit?.(environment) === "replica ratio" ? 0 : strategy.mirrorPercent;
    await ctx.log(
      `${service.name} in ${environment.name}: revision ${spec.revision} (${spec.tag}) on the preview route beside revision ${stable}; ${mirrored}% of reads mirrored to it for ${Math.round(strategy.previewAnalysisMs / 1000)} s`,
    );
    return wait(r, state, blueGreenMessage(r, state), POLL_MS);
  }

  const inPreview = state.phase === "preview" || state.pausedFrom === "preview";
  const analysisMs = inPreview ? strategy.previewAnalysisMs : strategy.postSwitchAnalysisMs;
  const verdict = await judge(r, state, mine, state.phase !== "paused" && now - state.phaseStartedAt >= analysisMs);
  if (verdict.decision === "abort") return abort(r, state, `analysis: ${verdict.reasons.join("; ")}`, "analysis");
  if (state.phase === "paused") {
    if (!advance) return wait(r, state, blueGreenMessage(r, state), PAUSED_POLL_MS);
  } else if (verdict.decision === "pause") {
    // Past "starting" and not paused, a blue-green rollout is in preview or switched.
    state.pausedFrom = state.phase === "preview" ? "preview" : "switched";
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
    await ctx.db.transaction((tx) =>
      recordSwitch(tx, {
        environment: environment.name,
        service: service.name,
        revision: spec.revision,
        now: switchedAt,
        standbyUntil: switchedAt + strategy.standbyMs,
      }),
    );
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

function blueGreenMessage(r: ProgressiveRollout, state: ProgressiveState): string {
  const where = `blue-green ${r.service.name} revision ${r.spec.revision}`;
  const phase = state.phase === "paused" ? state.pausedFrom : state.phase;
  const what =
    phase === "preview"
      ? `on the preview route beside revision ${state.stable}`
      : `serving all traffic, revision ${state.stable} on standby`;
  // Without a Gateway the preview is the revision's own Service, and the switch a write of the service's selector.
  const how = r.target.trafficSplit?.(r.environment) === "replica ratio" ? " by Service selector" : "";
  return `${where} ${what}${how}${state.phase === "paused" ? ", paused for a person" : ", under analysis"}`;
}
