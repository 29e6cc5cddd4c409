import * as z from "zod";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { listRevisions } from "../../store/revisions/read.js";
import { setRevisionReplicas } from "../../store/revisions/write.js";
import type { RevisionRow } from "../../store/rows.js";
import { defineStep, NO_STATE } from "./contract.js";
import type { TypedStepContext } from "./contract.js";
import { StepFailure } from "./handler.js";
import { environmentName, serviceName } from "./names.js";
import { deployEnv } from "./instance-env.js";

const operateParams = z.strictObject({ environment: environmentName, service: serviceName });
const scaleParams = operateParams.extend({ replicas: z.int().min(0).optional() });
type OperateParams = z.output<typeof operateParams>;
type StepContext = TypedStepContext<unknown>;

async function activeRevision(
  ctx: StepContext,
  p: OperateParams,
): Promise<{ row: RevisionRow } & ReturnType<typeof names>> {
  const n = names(ctx, p);
  const row = (await listRevisions(ctx.db.kysely, n.environment.name, n.service.name)).find(
    (r) => r.status === "active",
  );
  if (!row) throw new StepFailure(`${n.service.name} is not deployed in ${n.environment.name}; deploy it first`);
  return { row, ...n };
}

function names(ctx: StepContext, p: OperateParams) {
  return { environment: findEnvironment(ctx.platform, p.environment), service: findService(ctx.platform, p.service) };
}

/** Replaces the active revision's instances one at a time (the target keeps the others serving). */
export const restartStep = defineStep({
  kind: "restart",
  params: operateParams,
  state: NO_STATE,
  output: z.object({ revision: z.int() }),
}).handledBy(async (ctx, params) => {
  const { row, environment, service } = await activeRevision(ctx, params);
  await ctx.targets.forEnvironment(environment).restart(environment, service, row.number, ctx.idempotencyKey);
  await ctx.log(`${service.name} in ${environment.name}: revision ${row.number} restarted`);
  return { outcome: "done", output: { revision: row.number } };
});

const POLL_MS = 250;

/** Resizes the active revision and waits, within the progress deadline, until the instances are ready. */
export const scaleStep = defineStep({
  kind: "scale",
  params: scaleParams,
  /** When the scaling began: the progress deadline counts from then. */
  state: z.number(),
  output: z.object({
    revision: z.int(),
    replicas: z.int(),
    /** The autoscaler whose minimum was set, where one owns the replicas. */
    autoscaler: z.string().nullable().default(null),
  }),
}).handledBy(async (ctx, p) => {
  const { row, environment, service } = await activeRevision(ctx, p);
  const replicas = p.replicas ?? row.replicas;
  const target = ctx.targets.forEnvironment(environment);
  const now = ctx.clock.now();
  const startedAt = ctx.state ?? now;
  if (ctx.state === null) {
    const { env, secrets } = await deployEnv(ctx.db.kysely, ctx.platform, environment, service);
    await target.ensureRevision(
      {
        environment,
        service,
        revision: row.number,
        tag: row.tag,
        digest: row.digest,
        replicas,
        env,
        secrets,
        idempotencyKey: ctx.idempotencyKey,
      },
      ctx.signal,
    );
    await ctx.db.transaction((tx) => setRevisionReplicas(tx, environment.name, service.name, row.number, replicas));
  }
  const owner = (await target.autoscaler?.(environment, service, row.number)) ?? null;
  if (owner && ctx.state === null) {
    await ctx.log(
      `${service.name} in ${environment.name}: the autoscaler ${owner.name} owns the replicas of revision ${row.number}: its minReplicas is now ${owner.minReplicas} (max ${owner.maxReplicas}); it sizes the revision between them`,
    );
  }
  const current = (await target.status(environment, service)).revisions.find((r) => r.revision === row.number);
  // An autoscaler may run more than its minimum: at least the replicas asked, all ready.
  const sized = owner
    ? current !== undefined && current.desired >= replicas && current.ready === current.desired
    : current !== undefined && current.ready === replicas && current.desired === replicas;
  if (current && sized) {
    await ctx.log(
      `${service.name} in ${environment.name}: revision ${row.number} runs ${current.desired} instance${current.desired === 1 ? "" : "s"}`,
    );
    return { outcome: "done", output: { revision: row.number, replicas, autoscaler: owner?.name ?? null } };
  }
  if (now - startedAt > environment.progressDeadlineMs) {
    throw new StepFailure(
      `${service.name} in ${environment.name}: ${current?.ready ?? 0} of ${replicas} instances ready after the progress deadline`,
    );
  }
  return {
    outcome: "wait",
    reason: {
      kind: "timer",
      message: `scaling ${service.name} to ${replicas}: ${current?.ready ?? 0} ready`,
      untilMs: now + POLL_MS,
    },
    wakeAtMs: now + POLL_MS,
    state: startedAt,
  };
});
