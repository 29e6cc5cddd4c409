/**
 * Canary and blue-green rollouts, judged by live metrics. Each poll is level-triggered from what
 * the target reports and what the step saved, so it is right to repeat after a crash. The router
 * guards a canary by itself between polls (see CanaryGuard): the engine reads its verdict, and
 * also judges every poll from the metrics provider, for the bake ends, pauses and the signals the
 * router does not see (restarts, CPU, memory). One state machine per strategy: canary.ts, blue-green.ts.
 */
import { crashText, failedText } from "../health-text.js";
import type { RolloutResult } from "../rollout-schemas.js";
import { abort } from "./abort.js";
import { pollBlueGreen } from "./blue-green.js";
import { pollCanary } from "./canary.js";
import type { ProgressiveRollout, ProgressiveState } from "./common.js";

export { initialState, provenInstances, servingRevision } from "./common.js";
export type { ProgressiveRollout } from "./common.js";

/** One poll of a canary or blue-green rollout. */
export async function pollProgressive(r: ProgressiveRollout, state: ProgressiveState): Promise<RolloutResult> {
  const { ctx, environment, service, spec, target } = r;
  const strategy = state.plan;
  const now = ctx.clock.now();
  let advance = false;
  for (const command of ctx.commands) {
    if (command.id <= state.handled) continue;
    state.handled = command.id;
    const by = `${command.actor}${command.comment ? `: ${command.comment}` : ""}`;
    if (command.command === "abort") return abort(r, state, `aborted by ${by}`, "person");
    await ctx.log(`${service.name} in ${environment.name}: promote-step by ${by}`);
    advance = true;
  }

  const status = await target.status(environment, service);
  const mine = status.revisions.find((x) => x.revision === spec.revision);
  const guard = status.guard;
  if (guard && guard.canary === spec.revision && guard.verdict) {
    const why = `analysis by the router's guard: ${guard.verdict.reasons.join("; ")}`;
    return abort(r, state, why, "analysis", guard.verdict.at);
  }
  const restartLimit = ctx.platform.analysis.thresholds.podRestarts?.critical ?? 0;
  if (mine && mine.restarts > restartLimit) return abort(r, state, crashText(mine), "crash");
  const failed = failedText(mine);
  if (failed) return abort(r, state, failed, "deadline");
  if (
    (state.phase === "starting" || state.phase === "finishing") &&
    now - state.phaseStartedAt > environment.progressDeadlineMs
  ) {
    return abort(
      r,
      state,
      `it was not ready within the progress deadline (${Math.round(environment.progressDeadlineMs / 1000)} s)`,
      "deadline",
    );
  }
  return strategy.type === "canary"
    ? pollCanary(r, strategy, state, status, mine, advance)
    : pollBlueGreen(r, strategy, state, status, mine, advance);
}
