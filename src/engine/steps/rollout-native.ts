/**
 * A rolling rollout the target carries out itself (`Target.rollOut`: a Kubernetes Deployment's
 * RollingUpdate): the revision applied once, then a timer wake-up per poll reads the rollout's
 * progress and the revisions' health (from the target's watch: no request while it waits). Complete:
 * all traffic on the revision, the others removed, the rollout recorded. Failed (a crash, the
 * progress deadline, an abort): rolled back as the engine-driven rolling update is. While it
 * progresses, where traffic is split by weights, it follows the ready instances of each revision.
 */
import type { ServiceStatus } from "../../targets/target.js";
import { StepFailure } from "./handler.js";
import { crashText, failedText } from "./health-text.js";
import type { ProgressiveRollout } from "./progressive/common.js";
import { POLL_MS } from "./progressive/common.js";
import { finishRollout } from "./rollout-end.js";
import { rollBack } from "./rollout-failure.js";
import type { RolloutResult, RolloutState } from "./rollout-schemas.js";

type RollingState = Extract<RolloutState, { strategy: "rolling" }>;

export async function rollNatively(r: ProgressiveRollout, state: RollingState): Promise<RolloutResult> {
  const { ctx, environment, service, spec, target } = r;
  if (!target.rollOut || !target.rolloutProgress)
    throw new StepFailure(`the ${target.kind} target of ${environment.name} does not roll services out itself`);
  const now = ctx.clock.now();
  if (!state.ensured) {
    const request = { environment, service, tag: spec.tag, digest: spec.digest, env: r.env, secrets: r.secrets };
    const key = `${ctx.idempotencyKey}/roll-out`;
    await target.rollOut(
      { ...request, revision: spec.revision, replicas: spec.replicas, idempotencyKey: key },
      ctx.signal,
    );
    state.ensured = true;
  }
  const status = await target.status(environment, service);
  const mine = status.revisions.find((x) => x.revision === spec.revision);
  const progress = await target.rolloutProgress(environment, service, spec.revision);
  const aborted = ctx.commands.find((c) => c.command === "abort");
  const failure = aborted
    ? `aborted by ${aborted.actor}${aborted.comment ? `: ${aborted.comment}` : ""}`
    : mine && mine.restarts > 0
      ? crashText(mine)
      : (failedText(mine) ?? (progress.state === "failed" ? progress.message : undefined));
  if (failure) return rollBack(ctx, target, environment, service, spec, status, failure);

  if (progress.state === "complete") {
    const others = [...status.revisions.map((x) => x.revision), ...Object.keys(status.weights).map(Number)];
    return finishRollout(ctx, target, environment, service, spec, new Set(others), progress.message);
  }
  if (target.trafficSplit?.(environment) !== "replica ratio") {
    const weights = readyShares(status, spec.revision);
    if (weights && !sameWeights(weights, status.weights)) await target.setWeights(environment, service, weights);
  }
  const pollMs = target.capabilities.rolloutPollMs ?? POLL_MS;
  return {
    outcome: "wait",
    reason: {
      kind: "timer",
      message: `rolling out ${service.name} revision ${spec.revision} by the Deployment controller: ${mine?.ready ?? 0}/${spec.replicas} ready; ${progress.message}`,
      untilMs: now + pollMs,
    },
    wakeAtMs: now + pollMs,
    state,
  };
}

/** Each revision's share of the traffic by its ready instances; none ready: what is routed stays (the new revision's, when nothing is). */
export function readyShares(status: ServiceStatus, revision: number): Record<number, number> | null {
  const ready = status.revisions.filter((x) => x.ready > 0);
  const total = ready.reduce((n, x) => n + x.ready, 0);
  if (total === 0) return Object.keys(status.weights).length > 0 ? null : { [revision]: 100 };
  // Whole percents (an HTTPRoute's weights are integers), the newest revision taking what rounding leaves.
  const shares = ready.map((x) => [x.revision, Math.round((100 * x.ready) / total)] as const);
  const rest = 100 - shares.reduce((n, [, w]) => n + w, 0);
  return Object.fromEntries(shares.map(([rev, w], i) => [rev, i === shares.length - 1 ? w + rest : w]));
}

function sameWeights(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => Math.abs((a[k] ?? 0) - (b[k] ?? 0)) < 0.01);
}
