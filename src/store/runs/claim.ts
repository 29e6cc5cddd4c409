import type { Dialect, Queryable } from "../db.js";
import type { RunRow } from "../rows.js";

/**
 * Claims the oldest run that is ready and that no server holds: queued; waiting with a timer
 * that is due; or running with an expired lease (its server died). The run becomes running,
 * leased to `owner` until now + leaseMs, with the next fencing token (`lease_token`). One statement, so two claimers never get the same run
 * (FOR UPDATE SKIP LOCKED on PostgreSQL; the write lock on SQLite).
 */
export interface ClaimOptions {
  /** Who claims: a server's id, recorded as lease_owner. */
  owner: string;
  /** Milliseconds since the epoch. */
  now: number;
  /** How long the lease lasts unless renewed. */
  leaseMs: number;
}

export async function claimReadyRun(
  db: Queryable,
  dialect: Dialect,
  { owner, now, leaseMs }: ClaimOptions,
): Promise<RunRow | undefined> {
  const candidate = db
    .selectFrom("runs")
    .select("id")
    .where((eb) =>
      eb.or([
        eb("status", "=", "queued"),
        eb.and([eb("status", "=", "waiting"), eb("wake_at", "<=", now)]),
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
      lease_token: eb("lease_token", "+", 1),
      lease_expires_at: now + leaseMs,
      wake_at: null,
      started_at: eb.fn.coalesce("started_at", eb.val(now)),
      updated_at: now,
    }))
    .where("id", "=", candidate)
    .returningAll()
    .executeTakeFirst();
}
