import { recordAbort } from "../../../store/revisions/rollout.js";
import { StepFailure } from "../handler.js";
import type { ProgressiveRollout, ProgressiveState } from "./common.js";

/**
 * Who or what decided an abort, kept in the failure's details: `analysis` (the judgement of the
 * metrics, by the engine or by the router's guard), `person` (`quikship abort`), `crash` (restarts
 * over the limit), `deadline` (not ready in time), `preview-check` (the preview route answered wrong).
 */
export const ABORT_CAUSES = ["analysis", "person", "crash", "deadline", "preview-check"] as const;
export type AbortCause = (typeof ABORT_CAUSES)[number];

/**
 * Everything back on the stable revision at once (the router's guard may have done it already),
 * then the new revision stops and is marked failed. A blue-green switch that already happened is
 * switched back, its standby made active again. `decidedAt` is when the abort was decided, where
 * that was before this poll (the router's guard acts between polls); else now.
 */
export async function abort(
  r: ProgressiveRollout,
  state: ProgressiveState,
  why: string,
  cause: AbortCause,
  decidedAt?: number,
): Promise<never> {
  const { ctx, environment, service, spec, target } = r;
  const stable = state.stable;
  if (stable !== null) await target.setWeights(environment, service, { [stable]: 100 });
  await target.setGuard(environment, service, null);
  if (state.strategy === "blue-green") await target.setPreview(environment, service, null);
  await target.removeRevision(environment, service, spec.revision);
  const now = ctx.clock.now();
  // The new revision's share is 0 from here: the timeline in the failure's details ends there.
  if ((state.timeline.at(-1)?.weight ?? 0) !== 0) state.timeline.push({ at: now, weight: 0 });
  await ctx.db.transaction((tx) =>
    recordAbort(tx, { environment: environment.name, service: service.name, revision: spec.revision, stable, now }),
  );
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
        abortedBy: cause,
        decidedAt: decidedAt ?? now,
        timeline: state.timeline,
      },
    },
  );
}
