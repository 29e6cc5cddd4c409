import type { Environment, Service } from "../../config/types.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { findRevision, listRevisions } from "../../store/revisions/read.js";
import { setRevisionStatus } from "../../store/revisions/write.js";
import type { ReleaseItem } from "../release.js";
import type { Json } from "../types.js";
import { StepFailure } from "./handler.js";
import type { StepContext, StepHandler, StepResult } from "./handler.js";
import type { ReleaseOutput } from "./release.js";
import { rollbackRevision } from "./revision.js";
import type { RevisionOutput } from "./revision.js";
import { rolloutStep } from "./rollout.js";

type Item = Pick<ReleaseItem, "revision" | "previousRevision" | "previousTag">;

type TrainRollbackParams =
  /** The compensation of a failed train: acts only when the train's rollout of the service succeeded. */
  | { environment: string; service: string; revisionStep: string; rolloutStep: string; releaseStep: string }
  /** One service of a release rolled back on request. */
  | ({ environment: string; service: string; release: string } & Item);

/** Kept between polls of the rollout back: the revision it rolls out, and the rollout's own state. */
interface State {
  spec: RevisionOutput;
  rollout: Json | null;
}

/** Where the rollout back finds its revision (see rolloutStep's revisionStep). */
const BACK = "train-rollback/revision";

/**
 * Moves one service of a release back to the revision it ran before the release, with the
 * environment's rollout: at once when that revision still runs, else as a new revision of its
 * tag. As the compensation of a failed train, a service the train did not move is left alone (a
 * revision recorded for it and never rolled out is marked failed), and the release's revision of
 * a service moved back is marked failed. Safe to run again after a crash: a service already back
 * is not moved twice, and the revision it goes back with is recorded once.
 */
export const trainRollbackStep: StepHandler = {
  kind: "train-rollback",
  run: async (ctx, params) => {
    const p = params as unknown as TrainRollbackParams;
    const environment = findEnvironment(ctx.platform, p.environment);
    const service = findService(ctx.platform, p.service);
    if ("release" in p) return moveBack(ctx, environment, service, p, false);
    if (ctx.outputOf(p.rolloutStep) === null)
      return notMoved(ctx, environment, service, ctx.outputOf(p.revisionStep) as RevisionOutput | null);
    const item = (ctx.outputOf(p.releaseStep) as ReleaseOutput | null)?.items.find((i) => i.service === service.name);
    if (!item)
      throw new StepFailure(
        `${service.name} was rolled out in ${environment.name} but its release does not name it (a bug in quikship)`,
      );
    return moveBack(ctx, environment, service, item, true);
  },
};

async function notMoved(
  ctx: StepContext,
  environment: Environment,
  service: Service,
  recorded: RevisionOutput | null,
): Promise<StepResult> {
  if (recorded) {
    await ctx.db.transaction(async (tx) => {
      const row = await findRevision(tx, environment.name, service.name, recorded.revision);
      if (row?.status === "pending")
        await setRevisionStatus(tx, environment.name, service.name, recorded.revision, "failed", ctx.clock.now());
    });
  }
  return { outcome: "done", output: { moved: false } };
}

async function moveBack(
  ctx: StepContext,
  environment: Environment,
  service: Service,
  item: Item,
  failed: boolean,
): Promise<StepResult> {
  const history = await listRevisions(ctx.db.kysely, environment.name, service.name);
  const active = history.find((r) => r.status === "active");
  const state = ctx.state as unknown as State | null;
  const here = `${service.name} in ${environment.name}`;
  if (
    active &&
    (active.number === item.previousRevision || (active.run_id === ctx.runId && active.number > item.revision))
  ) {
    return done(ctx, environment, service, item, failed, { revision: active.number, tag: active.tag });
  }
  if (!active && item.previousRevision === null) return done(ctx, environment, service, item, failed, null);
  if (active?.number !== item.revision) {
    const now = active ? `runs revision ${active.number} (${active.tag})` : "runs nothing";
    throw new StepFailure(
      `${here} ${now}, not revision ${item.revision} of the release; roll back what replaced it first (quikship history ${environment.name} ${service.name})`,
    );
  }
  if (item.previousRevision === null) {
    await ctx.targets.forEnvironment(environment).removeRevision(environment, service, item.revision);
    return done(ctx, environment, service, item, failed, null);
  }
  const previous = history.find((r) => r.number === item.previousRevision);
  const tag = previous?.tag ?? item.previousTag;
  if (tag === null)
    throw new StepFailure(`${here}: the tag of revision ${item.previousRevision} is not known any more`);
  const spec =
    state?.spec ??
    (await rollbackRevision(
      ctx,
      environment,
      service,
      { number: item.previousRevision, tag, replicas: previous?.replicas ?? environment.replicas.min },
      item.revision,
    ));
  // A move back is a repair: a rolling update whatever the strategy, deaf to commands given to the train's rollouts (an abort among them).
  const result = await rolloutStep.run(
    {
      ...ctx,
      state: state?.rollout ?? null,
      commands: [],
      outputOf: (key) => (key === BACK ? spec : ctx.outputOf(key)),
    },
    { environment: environment.name, service: service.name, revisionStep: BACK, strategy: "rolling" },
  );
  if (result.outcome === "wait")
    return { ...result, state: { spec, rollout: result.state ?? null } as unknown as Json };
  return done(ctx, environment, service, item, failed, { revision: spec.revision, tag: spec.tag });
}

/** The service is back (on `now`, or on nothing when the release installed it); the release's revision is failed or superseded. */
async function done(
  ctx: StepContext,
  environment: Environment,
  service: Service,
  item: Item,
  failed: boolean,
  now: { revision: number; tag: string } | null,
): Promise<StepResult> {
  const status = failed ? "failed" : "superseded";
  await ctx.db.transaction(async (tx) => {
    const row = await findRevision(tx, environment.name, service.name, item.revision);
    if (row && row.status !== status && row.status !== "failed")
      await setRevisionStatus(tx, environment.name, service.name, item.revision, status, ctx.clock.now());
  });
  const where = `${service.name} in ${environment.name}`;
  await ctx.log(
    now
      ? `${where}: back on revision ${now.revision} (${now.tag}); revision ${item.revision} ${status}`
      : `${where}: revision ${item.revision} removed; nothing ran here before the release`,
  );
  return { outcome: "done", output: { moved: true, revision: now?.revision ?? null, tag: now?.tag ?? null } };
}
