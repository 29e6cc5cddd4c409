import type { Environment, Platform, Service } from "../../config/types.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { absoluteReference, resolveSecret } from "../../platform/secrets.js";
import { effectiveVariables } from "../../platform/variables.js";
import { activateRevision, pruneRevisions, setRevisionStatus } from "../../store/revisions/write.js";
import type { SecretReference, ServiceStatus, Target } from "../../targets/target.js";
import { effectiveStrategy } from "../strategies/progressive.js";
import { decideRolling } from "../strategies/rolling.js";
import { initialState, pollProgressive, provenInstances, servingRevision } from "./progressive.js";
import type { ProgressiveState } from "./progressive.js";
import type { Json } from "../types.js";
import { StepFailure } from "./handler.js";
import type { StepContext, StepHandler, StepResult } from "./handler.js";
import type { RevisionOutput } from "./revision.js";

export interface RolloutParams {
  environment: string;
  service: string;
  /** The step whose output names the revision ({revision, tag, replicas}). */
  revisionStep: string;
  /** `canary` (deploy/promote --canary) makes it a canary; `rolling` forces a rolling update (repairs). Default: the service's or environment's strategy. */
  strategy?: "canary" | "rolling";
}

interface RolloutState {
  startedAt: number;
  /** Instance id → when the engine first saw it ready. */
  readySince: Record<string, number>;
  ensured: boolean;
}

const POLL_MS = 250;

/**
 * The instance environment of a revision: plain variables, and secrets by reference (a file
 * reference made absolute), checked here to resolve on this machine but never carried as values.
 */
export function instanceEnv(
  platform: Platform,
  environment: Environment,
  service: Service,
): { env: Record<string, string>; secrets: SecretReference[]; unresolved: string[] } {
  const env: Record<string, string> = {};
  const secrets: SecretReference[] = [];
  const unresolved: string[] = [];
  for (const v of effectiveVariables(platform, environment, { service })) {
    if (!v.secret) env[v.name] = String(v.value);
    else if (resolveSecret(v.reference, platform.baseDir) === undefined) unresolved.push(`${v.name} (${v.reference})`);
    else secrets.push({ name: v.name, reference: absoluteReference(v.reference, platform.baseDir) });
  }
  return { env, secrets, unresolved };
}

/**
 * Rolls a recorded revision out with the rolling strategy, polling the target until the new
 * revision serves all traffic. Fails — after switching traffic back and removing the new
 * revision — when it crashes or misses the environment's progress deadline.
 */
export const rolloutStep: StepHandler = {
  kind: "rollout",
  run: async (ctx, params) => {
    const p = params as unknown as RolloutParams;
    const environment = findEnvironment(ctx.platform, p.environment);
    const service = findService(ctx.platform, p.service);
    const spec = ctx.outputOf(p.revisionStep) as RevisionOutput | null;
    if (!spec) throw new StepFailure(`rollout of ${service.name} has no recorded revision (step ${p.revisionStep})`);
    const target = ctx.targets.forEnvironment(environment);
    const now = ctx.clock.now();
    if (spec.instant) return switchTo(ctx, target, environment, service, spec);
    const { env, secrets, unresolved } = instanceEnv(ctx.platform, environment, service);
    const saved = ctx.state as unknown as RolloutState | ProgressiveState | null;
    if (saved && "plan" in saved)
      return pollProgressive({ ctx, environment, service, spec, target, env, secrets }, saved);
    if (!saved) {
      const chosen =
        ctx.request.kind === "rollback" || p.strategy === "rolling"
          ? undefined
          : effectiveStrategy(
              environment,
              service,
              p.strategy === "canary" || ctx.request.params.canary === true ? "canary" : undefined,
            );
      if (chosen && chosen.type !== "rolling") {
        const stable = servingRevision(await target.status(environment, service), spec.revision);
        if (stable !== null) {
          if (unresolved.length) await ctx.log(`secrets not resolvable here, left unset: ${unresolved.join(", ")}`);
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
    const state: RolloutState = saved ?? { startedAt: now, readySince: {}, ensured: false };
    const configured = service.strategy ?? environment.strategy;
    const strategy = configured.type === "rolling" ? configured : { maxSurge: 1, maxUnavailable: 0 };
    const aborted = ctx.commands.find((c) => c.command === "abort");

    if (!state.ensured) {
      if (unresolved.length) await ctx.log(`secrets not resolvable here, left unset: ${unresolved.join(", ")}`);
      await target.ensureRevision(
        {
          environment,
          service,
          revision: spec.revision,
          tag: spec.tag,
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
        ? `an instance crashed (${mine.restarts} restart${mine.restarts === 1 ? "" : "s"})`
        : now - state.startedAt > environment.progressDeadlineMs
          ? `it was not ready within the progress deadline (${Math.round(environment.progressDeadlineMs / 1000)} s)`
          : undefined;
    if (failure) return rollBack(ctx, target, environment, service, spec, status, failure);

    const decision = decideRolling({
      newRevision: spec.revision,
      replicas: spec.replicas,
      maxSurge: strategy.maxSurge,
      maxUnavailable: strategy.maxUnavailable,
      status,
      stableNew: provenInstances(mine, state.readySince, now, environment.minReadyMs),
    });
    const request = { environment, service, tag: spec.tag, env, secrets };
    if (decision.action === "done") {
      await target.setWeights(environment, service, decision.weights);
      for (const old of status.revisions.filter((r) => r.revision !== spec.revision))
        await target.removeRevision(environment, service, old.revision);
      await ctx.db.transaction(async (tx) => {
        await activateRevision(tx, environment.name, service.name, spec.revision, ctx.clock.now(), false);
        await pruneRevisions(tx, environment.name, service.name, environment.historyLimit);
      });
      await ctx.log(
        `${service.name} in ${environment.name}: revision ${spec.revision} (${spec.tag}) serves all traffic`,
      );
      return { outcome: "done", output: { revision: spec.revision, tag: spec.tag } };
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
          revision: old.revision,
          replicas: old.replicas,
          idempotencyKey: `${ctx.idempotencyKey}/old-${old.revision}-${old.replicas}`,
        },
        ctx.signal,
      );
    }
    return {
      outcome: "wait",
      reason: {
        kind: "timer",
        message: `rolling out ${service.name} revision ${spec.revision}: ${mine?.ready ?? 0}/${spec.replicas} ready`,
        untilMs: now + POLL_MS,
      },
      wakeAtMs: now + POLL_MS,
      state: state as unknown as Json,
    };
  },
};

/** All traffic to a revision that still runs, at once; the others stop. */
async function switchTo(
  ctx: StepContext,
  target: Target,
  environment: Environment,
  service: Service,
  spec: RevisionOutput,
): Promise<StepResult> {
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

async function rollBack(
  ctx: StepContext,
  target: Target,
  environment: Environment,
  service: Service,
  spec: { revision: number; tag: string; replicas: number },
  status: ServiceStatus,
  why: string,
): Promise<never> {
  const previous = status.revisions
    .filter((r) => r.revision !== spec.revision && r.desired > 0)
    .sort((a, b) => b.revision - a.revision)[0];
  await target.rollBack(environment, service, { from: spec.revision, to: previous?.revision ?? null });
  await ctx.db.transaction((tx) =>
    setRevisionStatus(tx, environment.name, service.name, spec.revision, "failed", ctx.clock.now()),
  );
  const back = previous
    ? `rolled back to revision ${previous.revision} (${previous.tag})`
    : "no previous revision to roll back to";
  await ctx.log(
    `${service.name} in ${environment.name}: revision ${spec.revision} (${spec.tag}) failed its health checks: ${why}; ${back}`,
  );
  throw new StepFailure(
    `revision ${spec.revision} of ${service.name} (${spec.tag}) failed its health checks in ${environment.name}: ${why}; ${back}`,
    {
      details: { revision: spec.revision, rolledBackTo: previous?.revision ?? null },
    },
  );
}
