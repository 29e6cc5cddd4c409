import { randomInt } from "node:crypto";
import * as z from "zod";
import { findEnvironment } from "../../platform/lookup.js";
import { insertRelease } from "../../store/releases/insert.js";
import { setReleaseStatus } from "../../store/releases/update.js";
import { activeRevisions } from "../../store/revisions/read.js";
import { RELEASE_STATUSES } from "../release.js";
import { defineStep, NO_STATE } from "./contract.js";
import { StepFailure } from "./handler.js";
import { environmentName, serviceName, stepKey } from "./names.js";
import { revisionStep } from "./revision.js";

const releaseParams = z.strictObject({
  environment: environmentName,
  /** In train order, each with the step that recorded its revision. */
  items: z.array(z.strictObject({ service: serviceName, revisionStep: stepKey })),
});

/** What the release step outputs: the compensation of a failed train reads the previous revisions here. */
export const releaseOutput = z.object({
  release: z.string(),
  items: z.array(
    z.object({
      service: z.string(),
      tag: z.string(),
      revision: z.int(),
      previousRevision: z.int().nullable(),
      previousTag: z.string().nullable(),
    }),
  ),
});
export type ReleaseOutput = z.output<typeof releaseOutput>;

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** "rel-" and 8 random characters: short enough to type, unique enough that a clash (refused by the key) never happens in practice. */
export function newReleaseId(): string {
  return `rel-${Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")}`;
}

/**
 * Records the release of a train in an environment, once its revisions are recorded and its
 * locks held, before the first rollout: each service's new revision and the one it runs now.
 * Idempotent: a run records one release per environment.
 */
export const releaseStep = defineStep({
  kind: "release",
  params: releaseParams,
  state: NO_STATE,
  output: releaseOutput,
}).handledBy(async (ctx, p) => {
  const environment = findEnvironment(ctx.platform, p.environment);
  const active = new Map((await activeRevisions(ctx.db.kysely, environment.name)).map((r) => [r.service, r]));
  const items = p.items.map((item) => {
    const { service } = item;
    const recorded = ctx.outputOf(revisionStep, item.revisionStep);
    if (!recorded)
      throw new StepFailure(
        `the release of ${service} in ${environment.name} has no recorded revision (step ${item.revisionStep})`,
      );
    const before = active.get(service);
    return {
      service,
      tag: recorded.tag,
      revision: recorded.revision,
      previous_revision: before?.number ?? null,
      previous_tag: before?.tag ?? null,
    };
  });
  const { release, items: rows } = await ctx.db.transaction((tx) =>
    insertRelease(tx, {
      id: newReleaseId(),
      environment: environment.name,
      runId: ctx.runId,
      actor: ctx.actor,
      now: ctx.clock.now(),
      items,
    }),
  );
  const described = rows.map(
    (i) =>
      `${i.service} ${i.tag} (revision ${i.revision}${i.previous_revision === null ? ", new here" : `, was ${i.previous_revision}`})`,
  );
  await ctx.log(`release ${release.id} in ${environment.name}: ${described.join(", ")}`);
  const output: ReleaseOutput = {
    release: release.id,
    items: rows.map((i) => ({
      service: i.service,
      tag: i.tag,
      revision: i.revision,
      previousRevision: i.previous_revision,
      previousTag: i.previous_tag,
    })),
  };
  return { outcome: "done", output };
});

const statusParams = z.union([
  z.strictObject({ status: z.enum(RELEASE_STATUSES).exclude(["rolling-out"]), releaseStep: stepKey }),
  z.strictObject({ status: z.enum(RELEASE_STATUSES).exclude(["rolling-out"]), release: z.string().min(1) }),
]);

/** Ends a release: released when its train arrived, failed when it was moved back, rolled back by a rollback run. Nothing when no release was recorded. */
export const releaseStatusStep = defineStep({
  kind: "release-status",
  params: statusParams,
  state: NO_STATE,
  output: z.union([
    z.strictObject({ release: z.null() }),
    z.strictObject({ release: z.string(), status: z.enum(RELEASE_STATUSES) }),
  ]),
}).handledBy(async (ctx, p) => {
  const id = "release" in p ? p.release : (ctx.outputOf(releaseStep, p.releaseStep)?.release ?? null);
  if (id === null) return { outcome: "done", output: { release: null } };
  await ctx.db.transaction((tx) => setReleaseStatus(tx, id, p.status, ctx.clock.now()));
  await ctx.log(`release ${id}: ${p.status}`);
  return { outcome: "done", output: { release: id, status: p.status } };
});
