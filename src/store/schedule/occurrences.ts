import type { Queryable } from "../db.js";

/**
 * Records an occurrence of scheduled work (`standby/ENV/SERVICE/rN/TIME`, `drift/ENV/TIME`, a
 * promotion rule's key) and the run it starts, in the transaction that stores the run: insert or
 * ignore, so of several servers seeing the same occurrence exactly one records it (on PostgreSQL
 * the second insert waits for the first transaction and then finds the key). True for that one.
 */
export async function recordOccurrence(
  tx: Queryable,
  occurrence: { key: string; runId: string; owner: string; now: number },
): Promise<boolean> {
  const result = await tx
    .insertInto("schedule_occurrences")
    .values({
      key: occurrence.key,
      run_id: occurrence.runId,
      claimed_by: occurrence.owner,
      claimed_at: occurrence.now,
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** The occurrence of a key, if recorded: which run it started, and which server recorded it. */
export async function findOccurrence(
  db: Queryable,
  key: string,
): Promise<{ key: string; run_id: string | null; claimed_by: string; claimed_at: number } | undefined> {
  return db.selectFrom("schedule_occurrences").selectAll().where("key", "=", key).executeTakeFirst();
}
