import { findEnvironment, findService } from "../../platform/lookup.js";
import { createRevision } from "../../store/revisions/write.js";
import type { Json } from "../types.js";
import type { StepHandler } from "./handler.js";

export interface RevisionParams {
  environment: string;
  service: string;
  tag: string;
  replicas?: number;
  /** Why: deploy, rollback of revision N, ... */
  cause: string;
}

/** Records the next revision of a service (pending until its rollout ends); idempotent per run. */
export const revisionStep: StepHandler = {
  kind: "revision",
  run: async (ctx, params) => {
    const p = params as unknown as RevisionParams;
    const environment = findEnvironment(ctx.platform, p.environment);
    const service = findService(ctx.platform, p.service);
    const replicas = p.replicas ?? environment.replicas.min;
    const row = await ctx.db.transaction((tx) =>
      createRevision(tx, { environment: environment.name, service: service.name, tag: p.tag, replicas, runId: ctx.runId, detail: { cause: p.cause, actor: ctx.actor }, now: ctx.clock.now() }),
    );
    await ctx.log(`${service.name} in ${environment.name}: revision ${row.number} is ${p.tag} × ${replicas} (${p.cause})`);
    const output: Json = { revision: row.number, tag: row.tag, replicas: row.replicas };
    return { outcome: "done", output };
  },
};
