import * as z from "zod";
import type { Environment, Service } from "../../config/types.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { findRevision, listRevisions } from "../../store/revisions/read.js";
import { setRevisionStatus } from "../../store/revisions/write.js";
import type { ReleaseItem } from "../release.js";
import { defineStep } from "./contract.js";
import type { TypedStepContext, TypedStepResult } from "./contract.js";
import { StepFailure } from "./handler.js";
import { environmentName, serviceName, stepKey } from "./names.js";
import { releaseStep } from "./release.js";
import { revisionOutput, revisionStep, rollbackRevision } from "./revision.js";
import { rolloutStep } from "./rollout.js";
import { rolloutState } from "./rollout-schemas.js";

type Item = Pick<ReleaseItem, "revision" | "previousRevision" | "previousTag">;

const trainRollbackParams = z.union([
  /** The compensation of a failed train: acts only when the train's rollout of the service succeeded. */
  z.strictObject({
    environment: environmentName,
    service: serviceName,
    revisionStep: stepKey,
    rolloutStep: stepKey,
    releaseStep: stepKey,
  }),
  /** One service of a release rolled back on request. */
  z.strictObject({
    environment: environmentName,
    service: serviceName,
    release: z.string().min(1),
    revision: z.int(),
    previousRevision: z.int().nullable(),
    previousTag: z.string().nullable(),
  }),
]);

/** Kept between polls of the rollout back: the revision it rolls out, and the rollout's own state. */
const trainRollbackState = z.object({ spec: revisionOutput, rollout: rolloutState.nullable() });
type State = z.output<typeof trainRollbackState>;

const trainRollbackOutput = z.union([
  z.strictObject({ moved: z.literal(false) }),
  z.strictObject({ moved: z.literal(true), revision: z.int().nullable(), tag: z.string().nullable() }),
]);
type StepContext = TypedStepContext<State>;
type StepResult = TypedStepResult<State, z.output<typeof trainRollbackOutput>>;

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
export const trainRollbackStep = defineStep({
  kind: "train-rollback",
  params: trainRollbackParams,
  state: trainRollbackState,
  output: trainRollbackOutput,
}).handledBy(async (ctx, p) => {
  const environment = findEnvironment(ctx.platform, p.environment);
  const service = findService(ctx.platform, p.service);
  if ("release" in p) return moveBack(ctx, environment, service, p, false);
  if (ctx.outputOf(rolloutStep, p.rolloutStep) === null)
    return notMoved(ctx, environment, service, ctx.outputOf(revisionStep, p.revisionStep));
  const item = ctx.outputOf(releaseStep, p.releaseStep)?.items.find((i) => i.service === service.name);
  if (!item)
    throw new StepFailure(
      `${service.name} was rolled out in ${environment.name} but its release does not name it (a bug in quikship)`,
    );
  return moveBack(ctx, environment, service, item, true);
});

async function notMoved(
  ctx: StepContext,
  environment: Environment,
  service: Service,
  recorded: { revision: number } | null,
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
  const state = ctx.state;
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
      {
        number: item.previousRevision,
        tag,
        digest: previous?.digest ?? null,
        replicas: previous?.replicas ?? environment.replicas.min,
      },
      item.revision,
    ));
  // A move back is a repair: a rolling update whatever the strategy, deaf to commands given to the train's rollouts (an abort among them).
  const result = await rolloutStep.handle(
    {
      ...ctx,
      state: state?.rollout ?? null,
      commands: [],
      outputOf: (producer, key) => (key === BACK ? producer.output.parse(spec) : ctx.outputOf(producer, key)),
    },
    { environment: environment.name, service: service.name, revisionStep: BACK, strategy: "rolling" },
  );
  if (result.outcome === "wait")
    return {
      outcome: "wait",
      reason: result.reason,
      wakeAtMs: result.wakeAtMs,
      state: { spec, rollout: result.state },
    };
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
