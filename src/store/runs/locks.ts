import type { Queryable } from "../db.js";
import { lockKey } from "./insert.js";

export type LockResult = { acquired: true } | { acquired: false; heldBy: string };

/**
 * Takes the lock of an environment and service for a run; taking it again is a no-op. First come,
 * first served: while an older unfinished run that takes the same lock exists (one of the service,
 * or one whose plan locks it: a train, a promotion), a newer one waits behind it even when the
 * lock is free.
 */
export async function acquireLock(
  tx: Queryable,
  environment: string,
  service: string,
  runId: string,
  now: number,
): Promise<LockResult> {
  const held = await tx
    .selectFrom("locks")
    .select("run_id")
    .where("environment", "=", environment)
    .where("service", "=", service)
    .executeTakeFirst();
  if (held) return held.run_id === runId ? { acquired: true } : { acquired: false, heldBy: held.run_id };
  const older = await olderUnfinishedRun(tx, environment, service, runId);
  if (older) return { acquired: false, heldBy: older };
  const inserted = await tx
    .insertInto("locks")
    .values({ environment, service, run_id: runId, acquired_at: now })
    .onConflict((oc) => oc.columns(["environment", "service"]).doNothing())
    .executeTakeFirst();
  if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) return { acquired: true };
  const winner = await tx
    .selectFrom("locks")
    .select("run_id")
    .where("environment", "=", environment)
    .where("service", "=", service)
    .executeTakeFirst();
  return winner?.run_id === runId ? { acquired: true } : { acquired: false, heldBy: winner?.run_id ?? "another run" };
}

/** Releases every lock a run holds; returns the environments whose waiters should wake. */
export async function releaseLocks(tx: Queryable, runId: string): Promise<string[]> {
  const released = await tx.deleteFrom("locks").where("run_id", "=", runId).returning("environment").execute();
  return [...new Set(released.map((r) => r.environment))];
}

async function olderUnfinishedRun(
  tx: Queryable,
  environment: string,
  service: string,
  runId: string,
): Promise<string | undefined> {
  const me = await tx.selectFrom("runs").select(["created_at"]).where("id", "=", runId).executeTakeFirst();
  if (!me) return undefined;
  const row = await tx
    .selectFrom("runs")
    .select("id")
    .where((eb) =>
      eb.or([
        // A run planned with no lock steps (stored before lock_keys) counts by its environment and
        // service; one with lock steps only by them: a promotion's environment is its source, which it does not lock.
        eb.and([eb("environment", "=", environment), eb("service", "=", service), eb("lock_keys", "is", null)]),
        eb("lock_keys", "like", `%,${lockKey(environment, service)},%`),
      ]),
    )
    .where("status", "in", ["queued", "running", "waiting"])
    .where((eb) =>
      eb.or([
        eb("created_at", "<", me.created_at),
        eb.and([eb("created_at", "=", me.created_at), eb("id", "<", runId)]),
      ]),
    )
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}
