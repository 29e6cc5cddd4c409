import type { Dialect, Queryable } from "./db.js";
import type { RunRow } from "./rows.js";

export interface ClaimRunOptions {
  /** Who claims: a server's id, recorded as lease_owner. */
  owner: string;
  /** Milliseconds since the epoch. */
  now: number;
  /** How long the lease lasts unless renewed. */
  leaseMs: number;
}

/**
 * Claims the oldest run that no server holds: a queued run, or a running run whose lease has
 * expired (its server died). The run becomes running, leased to `owner` until now + leaseMs.
 * Resolves to the claimed row, or undefined when there is nothing to claim.
 *
 * One statement, so concurrent claimers never get the same run: on PostgreSQL the candidate row
 * is locked with FOR UPDATE SKIP LOCKED (others skip to the next run instead of waiting, and
 * never re-read a row a concurrent claim changed); on SQLite a statement holds the write lock.
 */
export async function claimRun(
  db: Queryable,
  dialect: Dialect,
  { owner, now, leaseMs }: ClaimRunOptions,
): Promise<RunRow | undefined> {
  const candidate = db
    .selectFrom("runs")
    .select("id")
    .where((eb) =>
      eb.or([
        eb("status", "=", "queued"),
        eb.and([eb("status", "=", "running"), eb("lease_expires_at", "<=", now)]),
      ]),
    )
    .orderBy("created_at")
    .orderBy("id")
    .limit(1)
    .$if(dialect === "postgres", (qb) => qb.forUpdate().skipLocked());
  return db
    .updateTable("runs")
    .set((eb) => ({
      status: "running",
      lease_owner: owner,
      lease_expires_at: now + leaseMs,
      started_at: eb.fn.coalesce("started_at", eb.val(now)),
      updated_at: now,
    }))
    .where("id", "=", candidate)
    .returningAll()
    .executeTakeFirst();
}
