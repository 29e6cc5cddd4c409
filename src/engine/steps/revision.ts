import * as z from "zod";
import type { Environment, Service } from "../../config/types.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { listRevisions } from "../../store/revisions/read.js";
import { copyRevisionRendering } from "../../store/revisions/rendering.js";
import { createRevision } from "../../store/revisions/write.js";
import { defineStep, NO_STATE } from "./contract.js";
import type { TypedStepContext } from "./contract.js";
import { StepFailure } from "./handler.js";
import { environmentName, serviceName, stepKey } from "./names.js";
import { pinStep } from "./pin.js";

const revisionParams = z.discriminatedUnion("cause", [
  z.strictObject({
    environment: environmentName,
    service: serviceName,
    cause: z.literal("deploy"),
    tag: z.string(),
    /** The pin-images step of the run: the digest this revision runs. */
    pinStep: stepKey.optional(),
  }),
  /** revision 0: the one before the active revision. */
  z.strictObject({
    environment: environmentName,
    service: serviceName,
    cause: z.literal("rollback"),
    revision: z.int().min(0),
  }),
]);

/** What the rollout step rolls out; `instant` when the revision still runs and only needs the traffic. */
export const revisionOutput = z.object({
  revision: z.int(),
  tag: z.string(),
  /** The image digest the revision runs; null where no registry is asked. */
  digest: z.string().nullable().default(null),
  replicas: z.int(),
  instant: z.boolean(),
});
export type RevisionOutput = z.output<typeof revisionOutput>;

type StepContext = TypedStepContext<unknown>;

/**
 * Decides the revision a deploy or rollback rolls out and records it (pending until the rollout
 * ends). A rollback to a revision whose instances still run switches traffic back to it; to one
 * that no longer runs, it records a new revision with that revision's tag. Idempotent per run.
 */
export const revisionStep = defineStep({
  kind: "revision",
  params: revisionParams,
  state: NO_STATE,
  output: revisionOutput,
}).handledBy(async (ctx, p) => {
  const environment = findEnvironment(ctx.platform, p.environment);
  const service = findService(ctx.platform, p.service);
  if (p.cause === "deploy") {
    const pinned = p.pinStep ? ctx.outputOf(pinStep, p.pinStep)?.images[service.name] : undefined;
    if (p.pinStep && !pinned)
      throw new StepFailure(`${service.name} has no pinned image (step ${p.pinStep}): a bug in the plan`);
    const image = { tag: p.tag, digest: pinned?.digest ?? null };
    return { outcome: "done", output: await recordRevision(ctx, environment, service, image, "deploy") };
  }
  const history = await listRevisions(ctx.db.kysely, environment.name, service.name);
  const active = history.find((r) => r.status === "active");
  const wanted =
    p.revision > 0
      ? history.find((r) => r.number === p.revision)
      : history.find((r) => active && r.number < active.number && r.status !== "failed");
  if (!wanted) {
    const known = history.map((r) => r.number).join(", ") || "none";
    throw new StepFailure(
      p.revision > 0
        ? `${service.name} has no revision ${p.revision} in ${environment.name} (revisions: ${known})`
        : `${service.name} has no previous revision in ${environment.name} to roll back to (revisions: ${known})`,
    );
  }
  if (active && wanted.number === active.number)
    throw new StepFailure(`revision ${wanted.number} of ${service.name} is already active in ${environment.name}`);
  return { outcome: "done", output: await rollbackRevision(ctx, environment, service, wanted) };
});

/**
 * What rolls a service back to revision `wanted`: that revision itself when its instances still
 * run (a switch of traffic), else a new revision of its tag. Idempotent per run; `after`: only a
 * revision of the run newer than this one is the run's (a run that already recorded one for the
 * service, and now moves it back).
 */
export async function rollbackRevision(
  ctx: StepContext,
  environment: Environment,
  service: Service,
  wanted: { number: number; tag: string; digest: string | null; replicas: number },
  after?: number,
): Promise<RevisionOutput> {
  const running = (await ctx.targets.forEnvironment(environment).status(environment, service)).revisions.find(
    (r) => r.revision === wanted.number,
  );
  if (running && running.ready > 0) {
    await ctx.log(
      `${service.name} in ${environment.name}: revision ${wanted.number} (${wanted.tag}) still runs; switching traffic back to it`,
    );
    return {
      revision: wanted.number,
      tag: wanted.tag,
      digest: wanted.digest,
      replicas: wanted.replicas,
      instant: true,
    };
  }
  const image = { tag: wanted.tag, digest: wanted.digest };
  return recordRevision(ctx, environment, service, image, `rollback to revision ${wanted.number}`, after, wanted);
}

async function recordRevision(
  ctx: StepContext,
  environment: Environment,
  service: Service,
  image: { tag: string; digest: string | null },
  cause: string,
  after?: number,
  /** A rollback's revision: its stored rendering (a manifest-based target's) is the new revision's too. */
  from?: { number: number },
): Promise<RevisionOutput> {
  const { tag, digest } = image;
  const row = await ctx.db.transaction(async (tx) => {
    const created = await createRevision(tx, {
      environment: environment.name,
      service: service.name,
      tag,
      digest,
      replicas: environment.replicas.min,
      runId: ctx.runId,
      detail: { cause, actor: ctx.actor },
      now: ctx.clock.now(),
      after,
    });
    if (from) {
      const key = { environment: environment.name, service: service.name };
      await copyRevisionRendering(tx, { ...key, number: from.number }, { ...key, number: created.number });
    }
    return created;
  });
  await ctx.log(
    `${service.name} in ${environment.name}: revision ${row.number} is ${tag}${row.digest ? `@${row.digest}` : ""} × ${row.replicas} (${cause})`,
  );
  return { revision: row.number, tag: row.tag, digest: row.digest, replicas: row.replicas, instant: false };
}
