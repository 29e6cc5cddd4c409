import { findEnvironment, findService } from "../../platform/lookup.js";
import { listRevisions } from "../../store/revisions/read.js";
import { setRevisionReplicas } from "../../store/revisions/write.js";
import type { RevisionRow } from "../../store/rows.js";
import type { Json } from "../types.js";
import { StepFailure } from "./handler.js";
import type { StepContext, StepHandler } from "./handler.js";
import { instanceEnv } from "./rollout.js";

interface OperateParams {
  environment: string;
  service: string;
  replicas?: number;
}

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
export const restartStep: StepHandler = {
  kind: "restart",
  run: async (ctx, params) => {
    const { row, environment, service } = await activeRevision(ctx, params as unknown as OperateParams);
    await ctx.targets.forEnvironment(environment).restart(environment, service, row.number, ctx.idempotencyKey);
    await ctx.log(`${service.name} in ${environment.name}: revision ${row.number} restarted`);
    return { outcome: "done", output: { revision: row.number } };
  },
};

const POLL_MS = 250;

/** Resizes the active revision and waits, within the progress deadline, until the instances are ready. */
export const scaleStep: StepHandler = {
  kind: "scale",
  run: async (ctx, params) => {
    const p = params as unknown as OperateParams;
    const { row, environment, service } = await activeRevision(ctx, p);
    const replicas = p.replicas ?? row.replicas;
    const target = ctx.targets.forEnvironment(environment);
    const now = ctx.clock.now();
    const startedAt = typeof ctx.state === "number" ? ctx.state : now;
    if (ctx.state === null) {
      const { env, secrets } = instanceEnv(ctx.platform, environment, service);
      await target.ensureRevision(
        {
          environment,
          service,
          revision: row.number,
          tag: row.tag,
          replicas,
          env,
          secrets,
          idempotencyKey: ctx.idempotencyKey,
        },
        ctx.signal,
      );
      await ctx.db.transaction((tx) => setRevisionReplicas(tx, environment.name, service.name, row.number, replicas));
    }
    const current = (await target.status(environment, service)).revisions.find((r) => r.revision === row.number);
    if (current && current.ready === replicas && current.desired === replicas) {
      await ctx.log(
        `${service.name} in ${environment.name}: revision ${row.number} runs ${replicas} instance${replicas === 1 ? "" : "s"}`,
      );
      return { outcome: "done", output: { revision: row.number, replicas } };
    }
    if (now - startedAt > environment.progressDeadlineMs) {
      throw new StepFailure(
        `${service.name} in ${environment.name}: ${current?.ready ?? 0} of ${replicas} instances ready after the progress deadline`,
      );
    }
    const state: Json = startedAt;
    return {
      outcome: "wait",
      reason: {
        kind: "timer",
        message: `scaling ${service.name} to ${replicas}: ${current?.ready ?? 0} ready`,
        untilMs: now + POLL_MS,
      },
      wakeAtMs: now + POLL_MS,
      state,
    };
  },
};
