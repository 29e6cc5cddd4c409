import { findEnvironment, findService } from "../../platform/lookup.js";
import { listRevisions } from "../../store/revisions/read.js";
import { createRevision } from "../../store/revisions/write.js";
import type { Json } from "../types.js";
import { StepFailure } from "./handler.js";
import type { StepHandler } from "./handler.js";

export type RevisionParams =
  | { environment: string; service: string; cause: "deploy"; tag: string }
  /** revision 0: the one before the active revision. */
  | { environment: string; service: string; cause: "rollback"; revision: number };

/** What the rollout step rolls out; `instant` when the revision still runs and only needs the traffic. */
export interface RevisionOutput {
  revision: number;
  tag: string;
  replicas: number;
  instant: boolean;
  [key: string]: Json;
}

/**
 * Decides the revision a deploy or rollback rolls out and records it (pending until the rollout
 * ends). A rollback to a revision whose instances still run switches traffic back to it; to one
 * that no longer runs, it records a new revision with that revision's tag. Idempotent per run.
 */
export const revisionStep: StepHandler = {
  kind: "revision",
  run: async (ctx, params) => {
    const p = params as unknown as RevisionParams;
    const environment = findEnvironment(ctx.platform, p.environment);
    const service = findService(ctx.platform, p.service);
    const replicas = environment.replicas.min;
    let tag: string;
    let cause: string;
    if (p.cause === "deploy") {
      tag = p.tag;
      cause = "deploy";
    } else {
      const history = await listRevisions(ctx.db.kysely, environment.name, service.name);
      const active = history.find((r) => r.status === "active");
      const wanted = p.revision > 0 ? history.find((r) => r.number === p.revision) : history.find((r) => active && r.number < active.number && r.status !== "failed");
      if (!wanted) {
        const known = history.map((r) => r.number).join(", ") || "none";
        throw new StepFailure(
          p.revision > 0
            ? `${service.name} has no revision ${p.revision} in ${environment.name} (revisions: ${known})`
            : `${service.name} has no previous revision in ${environment.name} to roll back to (revisions: ${known})`,
        );
      }
      if (active && wanted.number === active.number) throw new StepFailure(`revision ${wanted.number} of ${service.name} is already active in ${environment.name}`);
      const running = (await ctx.targets.forEnvironment(environment).status(environment, service)).revisions.find((r) => r.revision === wanted.number);
      if (running && running.ready > 0) {
        await ctx.log(`${service.name} in ${environment.name}: revision ${wanted.number} (${wanted.tag}) still runs; switching traffic back to it`);
        const output: RevisionOutput = { revision: wanted.number, tag: wanted.tag, replicas: wanted.replicas, instant: true };
        return { outcome: "done", output };
      }
      tag = wanted.tag;
      cause = `rollback to revision ${wanted.number}`;
    }
    const row = await ctx.db.transaction((tx) =>
      createRevision(tx, { environment: environment.name, service: service.name, tag, replicas, runId: ctx.runId, detail: { cause, actor: ctx.actor }, now: ctx.clock.now() }),
    );
    await ctx.log(`${service.name} in ${environment.name}: revision ${row.number} is ${tag} × ${row.replicas} (${cause})`);
    const output: RevisionOutput = { revision: row.number, tag: row.tag, replicas: row.replicas, instant: false };
    return { outcome: "done", output };
  },
};
