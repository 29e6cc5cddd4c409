/**
 * Pinning a digest and deleting it take turns, service by service: each decides in a transaction
 * that holds the service's digest lock (an advisory lock on PostgreSQL; SQLite's transactions
 * already hold the write lock), so a prune never deletes a digest an unfinished run pinned, and a
 * run never pins a digest a prune is deleting. A pin is recorded before the run checks that the
 * registry still has the digest, so a deletion that finished just before is seen by that check.
 */
import { sql } from "kysely";
import type { Db, Dialect, Queryable } from "../db.js";

/** "qsdigest" in ASCII, as an int4 (the first key of the two-key advisory lock; the second is the service's hash). */
const DIGEST_LOCK_KEY = 1903389031;

async function lockService(tx: Queryable, dialect: Dialect, service: string): Promise<void> {
  if (dialect === "postgres")
    await sql`select pg_advisory_xact_lock(${DIGEST_LOCK_KEY}::int, hashtext(${service}))`.execute(tx);
}

export type PinResult = { pinned: true } | { pinned: false; deletedBy: string; untilMs: number };

/** Records that `runId` pinned `digest` of `service`, unless a prune is deleting it now. */
export async function pinDigest(
  db: Db,
  pin: { runId: string; service: string; digest: string; nowMs: number },
): Promise<PinResult> {
  return db.transaction(async (tx) => {
    await lockService(tx, db.dialect, pin.service);
    const deleting = await tx
      .selectFrom("digest_deletions")
      .select(["deleted_by", "until_at"])
      .where("service", "=", pin.service)
      .where("digest", "=", pin.digest)
      .where("until_at", ">", pin.nowMs)
      .executeTakeFirst();
    if (deleting) return { pinned: false, deletedBy: deleting.deleted_by, untilMs: Number(deleting.until_at) };
    await tx
      .insertInto("digest_pins")
      .values({ run_id: pin.runId, service: pin.service, digest: pin.digest, pinned_at: pin.nowMs })
      .onConflict((oc) => oc.columns(["run_id", "service", "digest"]).doNothing())
      .execute();
    return { pinned: true };
  });
}

/** The unfinished runs that pinned `digest` of `service`. */
async function unfinishedPins(tx: Queryable, service: string, digest: string): Promise<string[]> {
  const rows = await tx
    .selectFrom("digest_pins")
    .innerJoin("runs", "runs.id", "digest_pins.run_id")
    .select("digest_pins.run_id")
    .where("digest_pins.service", "=", service)
    .where("digest_pins.digest", "=", digest)
    .where("runs.status", "not in", ["succeeded", "failed", "cancelled"])
    .orderBy("digest_pins.run_id")
    .execute();
  return rows.map((r) => r.run_id);
}

export type DeletionHold = { held: true } | { held: false; reasons: string[] };

/**
 * Marks `digest` of `service` as being deleted until `untilMs`, unless an unfinished run pinned it
 * or `references` (read in the same transaction: the revisions that run it or can roll back to it)
 * names a reason to keep it. Release it with `releaseDeletion` once the registry answered.
 */
export async function holdForDeletion(
  db: Db,
  hold: { service: string; digest: string; deletedBy: string; untilMs: number },
  references: (tx: Queryable) => Promise<readonly string[]>,
): Promise<DeletionHold> {
  return db.transaction(async (tx) => {
    await lockService(tx, db.dialect, hold.service);
    const reasons = [
      ...(await unfinishedPins(tx, hold.service, hold.digest)).map((run) => `pinned by run ${run}, not finished`),
      ...(await references(tx)),
    ];
    if (reasons.length > 0) return { held: false, reasons };
    const row = { deleted_by: hold.deletedBy, until_at: hold.untilMs };
    await tx
      .insertInto("digest_deletions")
      .values({ service: hold.service, digest: hold.digest, ...row })
      .onConflict((oc) => oc.columns(["service", "digest"]).doUpdateSet(row))
      .execute();
    return { held: true };
  });
}

/**
 * Forgets the pins of `service` whose runs have finished: a prune counts only unfinished runs'
 * pins, so these say nothing any more. Each prune calls it, which bounds the table by the runs
 * under way (and the services never pruned).
 */
export async function forgetFinishedPins(db: Db, service: string): Promise<number> {
  const result = await db.kysely
    .deleteFrom("digest_pins")
    .where("service", "=", service)
    .where("run_id", "in", (q) =>
      q.selectFrom("runs").select("id").where("status", "in", ["succeeded", "failed", "cancelled"]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function releaseDeletion(db: Db, service: string, digest: string): Promise<void> {
  await db.kysely.deleteFrom("digest_deletions").where("service", "=", service).where("digest", "=", digest).execute();
}
