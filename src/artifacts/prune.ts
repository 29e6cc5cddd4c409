/**
 * `registry prune` for one service: reads the repository's tags (each tag's digest and creation
 * time), the digests its revisions run or can roll back to in every environment, plans with
 * `planRetention`, and unless it is a dry run deletes the manifests planned away (with their
 * signature and attestation tags). Space returns at the registry's own garbage collection.
 *
 * Each digest is first held for deletion in the store (store/digests/holds.ts), which checks again,
 * in that transaction, that no unfinished run pinned it and no revision came to run it since the
 * plan was made: such a digest is kept after all, with its reason. While it is held, a deploy
 * pinning it waits and resolves again. Every deletion then passes `fence` (a scheduled prune's
 * run still held by this server: engine/fence.ts).
 */
import type { Clock } from "../engine/clock.js";
import type { Platform, Service } from "../config/types.js";
import { NotFoundError } from "../errors.js";
import type { Images } from "../registry/images.js";
import type { Db, Queryable } from "../store/db.js";
import { forgetFinishedPins, holdForDeletion, releaseDeletion } from "../store/digests/holds.js";
import { listRevisions } from "../store/revisions/read.js";
import { attachmentTag, isAttachmentTag } from "./attachments.js";
import { planRetention } from "./retention.js";
import type { KeptTag, RetentionPlan, RetentionRules, TagInfo } from "./retention.js";

/** How long a digest held for deletion stays held at most: a prune that died lets go then. */
export const DELETION_HOLD_MS = 10 * 60_000;

export interface PruneResult extends RetentionPlan {
  service: string;
  repository: string;
  dryRun: boolean;
  /** Manifests deleted (none in a dry run). */
  deletedDigests: string[];
}

/** Digest → why it stays: it runs in an environment, or lies within the environment's historyLimit. */
export async function rollbackCandidates(
  db: Queryable,
  platform: Platform,
  service: Service,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const env of Object.values(platform.environments)) {
    const rows = await listRevisions(db, env.name, service.name, env.historyLimit);
    for (const row of rows) {
      if (!row.digest) continue;
      const why =
        row.status === "active"
          ? `runs in ${env.name} (revision ${row.number})`
          : `rollback candidate in ${env.name} (revision ${row.number})`;
      out.set(row.digest, [...(out.get(row.digest) ?? []), why]);
    }
  }
  return out;
}

async function tagInfos(images: Images, service: Service, signal?: AbortSignal): Promise<TagInfo[]> {
  const { client, repository } = images.clientFor(service);
  const tags = (await client.tags(repository, signal)).filter((t) => !isAttachmentTag(t));
  return Promise.all(
    tags.map(async (tag): Promise<TagInfo> => {
      const digest = await client.resolve(repository, tag, signal);
      const created = (await client.config(repository, digest, signal)).created;
      const ms = created === undefined ? NaN : Date.parse(created);
      return { tag, digest, createdMs: Number.isNaN(ms) ? undefined : ms };
    }),
  );
}

export async function pruneRepository(options: {
  db: Db;
  platform: Platform;
  images: Images;
  service: Service;
  rules: RetentionRules;
  dryRun: boolean;
  clock: Clock;
  /** Who deletes, for a deploy that has to wait: `run RUN-ID`, `registry prune by USER`. */
  deletedBy: string;
  signal?: AbortSignal;
  /** Before each deletion: resolves while it may happen, else throws. */
  fence?: () => Promise<void>;
  /** Told each manifest deleted, as it is (a run logs it: a later execution sees it gone). */
  deleted?: (digest: string, tags: readonly string[]) => Promise<void>;
}): Promise<PruneResult> {
  const { images, service, signal } = options;
  const { client, repository, name } = images.clientFor(service);
  const [tags, candidates] = await Promise.all([
    tagInfos(images, service, signal),
    rollbackCandidates(options.db.kysely, options.platform, service),
  ]);
  const plan = planRetention(tags, candidates, options.rules, options.clock.now());
  const deletedDigests: string[] = [];
  const keptLate: KeptTag[] = [];
  const fence = options.fence ?? (() => Promise.resolve());
  if (!options.dryRun) {
    await forgetFinishedPins(options.db, service.name);
    for (const digest of new Set(plan.remove.map((t) => t.digest))) {
      const removed = plan.remove.filter((t) => t.digest === digest);
      const hold = await holdForDeletion(
        options.db,
        {
          service: service.name,
          digest,
          deletedBy: options.deletedBy,
          untilMs: options.clock.now() + DELETION_HOLD_MS,
        },
        async (tx) => (await rollbackCandidates(tx, options.platform, service)).get(digest) ?? [],
      );
      if (!hold.held) {
        keptLate.push(...removed.map((t) => ({ ...t, reasons: hold.reasons })));
        continue;
      }
      try {
        await fence();
        await client.deleteManifest(repository, digest, signal);
      } finally {
        await releaseDeletion(options.db, service.name, digest);
      }
      deletedDigests.push(digest);
      await options.deleted?.(
        digest,
        removed.map((t) => t.tag),
      );
      for (const kind of ["sig", "att"] as const) await deleteAttachments(images, service, digest, kind, fence);
    }
  }
  const late = new Set(keptLate.map((t) => t.tag));
  return {
    service: service.name,
    repository: name,
    dryRun: options.dryRun,
    keep: [...plan.keep, ...keptLate],
    remove: plan.remove.filter((t) => !late.has(t.tag)),
    deletedDigests,
  };
}

async function deleteAttachments(
  images: Images,
  service: Service,
  digest: string,
  kind: "sig" | "att",
  fence: () => Promise<void>,
): Promise<void> {
  const { client, repository } = images.clientFor(service);
  try {
    const attached = await client.resolve(repository, attachmentTag(digest, kind));
    await fence();
    await client.deleteManifest(repository, attached);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
}
