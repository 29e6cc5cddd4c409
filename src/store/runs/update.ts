import type { Queryable } from "../db.js";
import type { JsonText } from "../json.js";
import type { RunRowUpdate, RunStepsTable } from "../rows.js";
import type { Updateable } from "kysely";
import { publishChange } from "../changes/publish.js";

/**
 * A claim of a run: the server that holds it and the claim's fencing token. Every claim moves
 * the token on, so a server still executing an older claim (it was paused past its lease and
 * resumed, even if the run came back to it since) matches no row.
 */
export interface Lease {
  owner: string;
  token: number;
}

/**
 * Updates a run the caller holds. False when it no longer does: its lease went to another
 * server (or to a newer claim of the same one), or the run was cancelled. Every transition of a
 * held run goes through here, so a worker that lost its run can never overwrite the state
 * another has written.
 */
export async function updateHeldRun(tx: Queryable, id: string, lease: Lease, set: RunRowUpdate): Promise<boolean> {
  const result = await tx
    .updateTable("runs")
    .set(set)
    .where("id", "=", id)
    .where("lease_owner", "=", lease.owner)
    .where("lease_token", "=", lease.token)
    .where("status", "=", "running")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Whether the caller still holds the run at `now`: the same claim, not cancelled, its lease not
 * expired. The fence every effect on a target passes (engine/fence.ts).
 */
export async function holdsRun(db: Queryable, id: string, lease: Lease, now: number): Promise<boolean> {
  return (await heldUntil(db, id, lease, now)) !== null;
}

/** When the lease of a held run expires, as the database has it; null when the lease no longer holds the run. */
export async function heldUntil(db: Queryable, id: string, lease: Lease, now: number): Promise<number | null> {
  const row = await db
    .selectFrom("runs")
    .select("lease_expires_at")
    .where("id", "=", id)
    .where("lease_owner", "=", lease.owner)
    .where("lease_token", "=", lease.token)
    .where("status", "=", "running")
    .where("lease_expires_at", ">", now)
    .executeTakeFirst();
  return row?.lease_expires_at == null ? null : Number(row.lease_expires_at);
}

export async function updateStep(
  tx: Queryable,
  runId: string,
  key: string,
  set: Updateable<RunStepsTable>,
): Promise<void> {
  await tx.updateTable("run_steps").set(set).where("run_id", "=", runId).where("key", "=", key).execute();
}

export async function insertAttempt(
  tx: Queryable,
  runId: string,
  stepKey: string,
  attempt: number,
  now: number,
): Promise<void> {
  await tx
    .insertInto("step_attempts")
    .values({
      run_id: runId,
      step_key: stepKey,
      attempt,
      started_at: now,
      finished_at: null,
      outcome: null,
      error: null,
    })
    .execute();
}

export async function finishAttempt(
  tx: Queryable,
  runId: string,
  stepKey: string,
  attempt: number,
  outcome: string,
  error: JsonText | null,
  now: number,
): Promise<void> {
  await tx
    .updateTable("step_attempts")
    .set({ finished_at: now, outcome, error })
    .where("run_id", "=", runId)
    .where("step_key", "=", stepKey)
    .where("attempt", "=", attempt)
    .execute();
}

export async function countFailedAttempts(db: Queryable, runId: string, stepKey: string): Promise<number> {
  const row = await db
    .selectFrom("step_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("run_id", "=", runId)
    .where("step_key", "=", stepKey)
    .where("outcome", "=", "failed")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Ends a run that has not finished, whoever holds it. False when it had already finished. */
export async function endUnfinishedRun(
  tx: Queryable,
  id: string,
  status: "cancelled" | "failed",
  error: JsonText,
  now: number,
  supersededBy?: string,
): Promise<boolean> {
  const result = await tx
    .updateTable("runs")
    .set({
      status,
      error,
      finished_at: now,
      updated_at: now,
      lease_owner: null,
      lease_expires_at: null,
      wake_at: null,
      ...(supersededBy ? { superseded_by: supersededBy } : {}),
    })
    .where("id", "=", id)
    .where("status", "in", ["queued", "running", "waiting"])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Wakes the runs of an environment, and those that take a lock there, at once: a lock was
 * released or a decision made. A run still
 * executing gets the wake-up too and keeps it when it parks (see parkHeldRun), so a wake-up that
 * arrives while a run decides to wait is not lost.
 */
export async function wakeWaitingRuns(tx: Queryable, environment: string, now: number): Promise<void> {
  await tx
    .updateTable("runs")
    .set({ wake_at: now })
    .where("status", "in", ["waiting", "running"])
    .where((eb) => eb.or([eb("environment", "=", environment), eb("lock_keys", "like", `%,${environment}/%`)]))
    .where((eb) => eb.or([eb("wake_at", "is", null), eb("wake_at", ">", now)]))
    .execute();
  // Lock waiters on every server: the one that claims first takes the run.
  publishChange(tx, { kind: "ready" });
}

/** Hands back every run a server holds, claimable at once by the next server (a graceful stop). */
export async function releaseLeases(db: Queryable, owner: string, now: number): Promise<void> {
  await db
    .updateTable("runs")
    .set({ lease_expires_at: now })
    .where("lease_owner", "=", owner)
    .where("status", "=", "running")
    .execute();
  publishChange(db, { kind: "ready" });
}

/** Parks a held run as waiting until `wakeAt`, unless a wake-up arrived while it executed. */
export async function parkHeldRun(
  tx: Queryable,
  id: string,
  lease: Lease,
  waitReason: JsonText,
  wakeAt: number | null,
  now: number,
): Promise<boolean> {
  const result = await tx
    .updateTable("runs")
    .set((eb) => ({
      status: "waiting",
      wait_reason: waitReason,
      wake_at: eb.fn.coalesce("wake_at", eb.val(wakeAt)),
      lease_owner: null,
      lease_expires_at: null,
      updated_at: now,
    }))
    .where("id", "=", id)
    .where("lease_owner", "=", lease.owner)
    .where("lease_token", "=", lease.token)
    .where("status", "=", "running")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Wakes one run at once (a decision or a command was recorded for it). A run still executing gets
 * the wake-up too and keeps it when it parks (see parkHeldRun): it read the decisions and commands
 * before its step, so it looks again at once instead of sleeping to its own wake time.
 */
export async function wakeWaitingRun(tx: Queryable, runId: string, now: number): Promise<void> {
  await tx
    .updateTable("runs")
    .set({ wake_at: now })
    .where("id", "=", runId)
    .where("status", "in", ["waiting", "running"])
    .where((eb) => eb.or([eb("wake_at", "is", null), eb("wake_at", ">", now)]))
    .execute();
  publishChange(tx, { kind: "ready" });
}
