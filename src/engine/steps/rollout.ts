import type { Environment, Service } from "../../config/types.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { activateRevision } from "../../store/revisions/write.js";
import type { Target } from "../../targets/target.js";
import { effectiveStrategy } from "../strategies/progressive.js";
import { decideRolling } from "../strategies/rolling.js";
import { defineStep } from "./contract.js";
import { StepFailure } from "./handler.js";
import { finishRollout } from "./rollout-end.js";
import { rollBack } from "./rollout-failure.js";
import { rollNatively } from "./rollout-native.js";
import { deployEnv } from "./instance-env.js";
import { initialState, pollProgressive, provenInstances, servingRevision } from "./progressive/poll.js";
import { revisionStep } from "./revision.js";
import type { RevisionOutput } from "./revision.js";
import { digestOf } from "./digest-of.js";
import { crashText, failedText } from "./health-text.js";
import { rolloutOutput, rolloutParams, rolloutState } from "./rollout-schemas.js";
import type { RolloutContext, RolloutResult } from "./rollout-schemas.js";

export type { RolloutParams } from "./rollout-schemas.js";

/** How long a rollout waits between looks at the target, unless the target says otherwise. */
const POLL_MS = 250;

/**
 * Rolls a recorded revision out with the rolling strategy, polling the target until the new
 * revision serves all traffic. Fails — after switching traffic back and removing the new
 * revision — when it crashes or misses the environment's progress deadline.
 */
export const rolloutStep = defineStep({
  kind: "rollout",
  params: rolloutParams,
  state: rolloutState,
  output: rolloutOutput,
}).handledBy(async (ctx, p) => {
  const environment = findEnvironment(ctx.platform, p.environment);
  const service = findService(ctx.platform, p.service);
  const spec = ctx.outputOf(revisionStep, p.revisionStep);
  if (!spec) throw new StepFailure(`rollout of ${service.name} has no recorded revision (step ${p.revisionStep})`);
  const target = ctx.targets.forEnvironment(environment);
  const now = ctx.clock.now();
  if (spec.instant) return switchTo(ctx, target, environment, service, spec);
  // Secrets that do not resolve here are left unset; the server reports them once per environment at start.
  const { env, secrets } = await deployEnv(ctx.db.kysely, ctx.platform, environment, service);
  const saved = ctx.state;
  if (saved && saved.strategy !== "rolling")
    return pollProgressive({ ctx, environment, service, spec, target, env, secrets }, saved);
  if (!saved) {
    // Planned: rollbacks and repairs say `rolling`, deploy/promote --canary say `canary`.
    const chosen = p.strategy === "rolling" ? undefined : effectiveStrategy(environment, service, p.strategy);
    if (chosen && chosen.type !== "rolling") {
      const stable = servingRevision(await target.status(environment, service), spec.revision);
      if (stable !== null) {
        return pollProgressive(
          { ctx, environment, service, spec, target, env, secrets },
          initialState(chosen, spec.revision, stable, now),
        );
      }
      await ctx.log(
        `${service.name} in ${environment.name}: no revision serves traffic yet, so there is nothing to compare a ${chosen.type} with; rolling out`,
      );
    }
  }
  const native = saved ? saved.native === true : target.rollsOut?.(environment, service) === true;
  const state = saved ?? { strategy: "rolling" as const, startedAt: now, readySince: {}, ensured: false, native };
  if (native) return rollNatively({ ctx, environment, service, spec, target, env, secrets }, state);
  const configured = service.strategy ?? environment.strategy;
  const strategy = configured.type === "rolling" ? configured : { maxSurge: 1, maxUnavailable: 0 };
  const aborted = ctx.commands.find((c) => c.command === "abort");

  if (!state.ensured) {
    await target.ensureRevision(
      {
        environment,
        service,
        revision: spec.revision,
        tag: spec.tag,
        digest: spec.digest,
        replicas: 0,
        env,
        secrets,
        idempotencyKey: `${ctx.idempotencyKey}/start`,
      },
      ctx.signal,
    );
    state.ensured = true;
  }
  const status = await target.status(environment, service);
  const mine = status.revisions.find((r) => r.revision === spec.revision);
  const failure = aborted
    ? `aborted by ${aborted.actor}${aborted.comment ? `: ${aborted.comment}` : ""}`
    : mine && mine.restarts > 0
      ? crashText(mine)
      : (failedText(mine) ??
        (now - state.startedAt > environment.progressDeadlineMs
          ? `it was not ready within the progress deadline (${Math.round(environment.progressDeadlineMs / 1000)} s)`
          : undefined));
  if (failure) return rollBack(ctx, target, environment, service, spec, status, failure);

  const decision = decideRolling({
    newRevision: spec.revision,
    replicas: spec.replicas,
    maxSurge: strategy.maxSurge,
    maxUnavailable: strategy.maxUnavailable,
    status,
    stableNew: provenInstances(mine, state.readySince, now, environment.minReadyMs),
  });
  const request = { environment, service, tag: spec.tag, digest: spec.digest, env, secrets };
  if (decision.action === "done") {
    const others = status.revisions.map((r) => r.revision);
    return finishRollout(ctx, target, environment, service, spec, others);
  }
  if ((mine?.desired ?? 0) !== decision.newDesired) {
    await target.ensureRevision(
      {
        ...request,
        revision: spec.revision,
        replicas: decision.newDesired,
        idempotencyKey: `${ctx.idempotencyKey}/${decision.newDesired}`,
      },
      ctx.signal,
    );
  }
  await target.setWeights(environment, service, decision.weights);
  for (const old of decision.scaleOld) {
    const oldTag = status.revisions.find((r) => r.revision === old.revision)?.tag ?? spec.tag;
    await target.ensureRevision(
      {
        ...request,
        tag: oldTag,
        digest: await digestOf(ctx, environment.name, service.name, old.revision),
        revision: old.revision,
        replicas: old.replicas,
        idempotencyKey: `${ctx.idempotencyKey}/old-${old.revision}-${old.replicas}`,
      },
      ctx.signal,
    );
  }
  const pollMs = target.capabilities.rolloutPollMs ?? POLL_MS;
  return {
    outcome: "wait",
    reason: {
      kind: "timer",
      message: `rolling out ${service.name} revision ${spec.revision}: ${mine?.ready ?? 0}/${spec.replicas} ready`,
      untilMs: now + pollMs,
    },
    wakeAtMs: now + pollMs,
    state,
  };
});

/** All traffic to a revision that still runs, at once; the others stop. */
async function switchTo(
  ctx: RolloutContext,
  target: Target,
  environment: Environment,
  service: Service,
  spec: RevisionOutput,
): Promise<RolloutResult> {
  await target.setWeights(environment, service, { [spec.revision]: 100 });
  const status = await target.status(environment, service);
  for (const other of status.revisions.filter((r) => r.revision !== spec.revision))
    await target.removeRevision(environment, service, other.revision);
  await ctx.db.transaction((tx) =>
    activateRevision(tx, environment.name, service.name, spec.revision, ctx.clock.now(), false),
  );
  await ctx.log(`${service.name} in ${environment.name}: all traffic on revision ${spec.revision} (${spec.tag})`);
  return { outcome: "done", output: { revision: spec.revision, tag: spec.tag } };
}
