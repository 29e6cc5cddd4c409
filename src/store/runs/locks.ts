import type { Queryable } from "../db.js";
import { fromJson } from "../json.js";
import type { JsonText } from "../json.js";
import { lockKey } from "./insert.js";
import { isKind } from "../../kind.js";

export type LockResult = { acquired: true } | { acquired: false; heldBy: string };

/**
 * Takes the lock of an environment and service for a run; taking it again is a no-op. First come,
 * first served: while an older run is in line for the same lock (see inLineFor), a newer one waits
 * behind it even when the lock is free. Only the lock steps of a plan count (`lock_keys`): a
 * promotion from dev is in line for the locks of the environments it changes, never for dev's.
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
  const older = await olderRunInLine(tx, environment, service, runId);
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

/** Releases the locks a run holds in some environments (the stages it has finished there); returns those released in. */
export async function releaseLocksIn(tx: Queryable, runId: string, environments: readonly string[]): Promise<string[]> {
  if (environments.length === 0) return [];
  const released = await tx
    .deleteFrom("locks")
    .where("run_id", "=", runId)
    .where("environment", "in", [...environments])
    .returning("environment")
    .execute();
  return [...new Set(released.map((r) => r.environment))];
}

/**
 * Whether an unfinished run stands in line for the locks of `environment`: not yet started
 * (queued), executing a step right now (running, for a moment), or waiting for a lock there.
 * A run waiting for an approval, a window, a rollout elsewhere or a retry is not in line: a gate
 * holds no lock and keeps no one waiting.
 */
export function inLineFor(environment: string, run: { status: string; wait_reason: JsonText | null }): boolean {
  if (run.status === "queued" || run.status === "running") return true;
  if (run.status !== "waiting" || run.wait_reason === null) return false;
  const reason = fromJson(run.wait_reason) as { kind?: unknown; environment?: unknown };
  return isKind(reason, "lock") && reason.environment === environment;
}

async function olderRunInLine(
  tx: Queryable,
  environment: string,
  service: string,
  runId: string,
): Promise<string | undefined> {
  const me = await tx.selectFrom("runs").select(["created_at"]).where("id", "=", runId).executeTakeFirst();
  if (!me) return undefined;
  const rows = await tx
    .selectFrom("runs")
    .select(["id", "status", "wait_reason"])
    .where("lock_keys", "like", `%,${lockKey(environment, service)},%`)
    .where("status", "in", ["queued", "running", "waiting"])
    .where((eb) =>
      eb.or([
        eb("created_at", "<", me.created_at),
        eb.and([eb("created_at", "=", me.created_at), eb("id", "<", runId)]),
      ]),
    )
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.find((row) => inLineFor(environment, row))?.id;
}
