/**
 * A held run's lease and its end: what executes a run (execute.ts) shares with nothing else but
 * needs around every step: renewing the lease, reporting how long a gate held it, finishing it.
 */
import type { Platform } from "../config/types.js";
import { ConflictError } from "../errors.js";
import type { Db } from "../store/database.js";
import { fromJson, toJson } from "../store/json.js";
import type { RunRow } from "../store/rows.js";
import type { LeaseHorizon } from "./fence.js";
import { recordEvent } from "./events.js";
import { acquireLock, releaseLocks } from "../store/runs/locks.js";
import type { LockResult } from "../store/runs/locks.js";
import { findRun, findSteps } from "../store/runs/read.js";
import { updateHeldRun, wakeWaitingRuns } from "../store/runs/update.js";
import type { Lease } from "../store/runs/update.js";
import type { Targets } from "../targets/target.js";
import type { Images } from "../registry/images.js";
import type { EngineObserver } from "./api.js";
import type { Clock } from "./clock.js";
import type { StepHandler } from "./steps/handler.js";
import type { RunError } from "./types.js";
import { runView } from "./view.js";

export interface ExecutorDeps {
  db: Db;
  platform: () => Platform;
  targets: Targets;
  images: Images;
  clock: Clock;
  handlers: ReadonlyMap<string, StepHandler>;
  /** This server's id: the lease owner. */
  owner: string;
  /** How long a claim lasts unless renewed; renewed every third of it. */
  leaseMs: number;
  observer: EngineObserver;
  /** Something changed for a run: wake its event followers. */
  changed(runId: string): void;
  /** Runs became ready: wake the worker loop. */
  ready(): void;
  /** An execution failed outside any step (the database went away): logged; the lease expires and another attempt follows. */
  onError(runId: string, error: unknown): void;
}

/** What executes one claimed run: the engine's parts, the claim, and targets behind its fence. */
export interface HeldDeps extends ExecutorDeps {
  lease: Lease;
  /** Resolves while the claim holds the run; otherwise aborts the execution and throws. */
  fence: () => Promise<void>;
  /** When the claim runs out, as last known: the fence's write check reads it, each renewal moves it. */
  horizon: LeaseHorizon;
}

/** Ends a held run, releases its locks and wakes what waited on them. */
export async function finishRun(
  deps: HeldDeps,
  runId: string,
  status: "succeeded" | "failed",
  error: RunError | null,
): Promise<void> {
  const { db, clock, lease } = deps;
  const now = clock.now();
  const ended = await db.transaction(async (tx) => {
    const ok = await updateHeldRun(tx, runId, lease, {
      status,
      finished_at: now,
      updated_at: now,
      error: error ? toJson(error) : null,
      lease_owner: null,
      lease_expires_at: null,
      wake_at: null,
    });
    if (!ok) return false;
    for (const environment of await releaseLocks(tx, runId)) await wakeWaitingRuns(tx, environment, now);
    await recordEvent(tx, runId, now, { type: "run", data: { status, error } });
    return true;
  });
  deps.changed(runId);
  if (!ended) return;
  deps.ready();
  const [row, steps] = await Promise.all([findRun(db.kysely, runId), findSteps(db.kysely, runId)]);
  if (row) deps.observer.runFinished?.(runView(row, steps));
}

/**
 * Takes a lock for a held run in the transaction that proves the claim still holds it. A server
 * that lost the run (paused past its lease while another server finished it) must not take a lock
 * that no one would ever release: it aborts its execution instead.
 */
export async function acquireHeldLock(
  deps: HeldDeps,
  runId: string,
  abort: AbortController,
  environment: string,
  service: string,
): Promise<LockResult> {
  const { db, clock, lease } = deps;
  const now = clock.now();
  const result = await db.transaction(async (tx) =>
    (await updateHeldRun(tx, runId, lease, { updated_at: now }))
      ? acquireLock(tx, environment, service, runId, now)
      : null,
  );
  if (result) return result;
  abort.abort();
  throw new ConflictError(
    `run ${runId} is no longer held by ${lease.owner} (claim ${lease.token}): the lock of ${service} in ${environment} was not taken`,
    { details: { runId, owner: lease.owner, token: lease.token } },
  );
}

/** Renews the lease while the run executes; a lost lease or a cancellation aborts the execution. */
export async function keepLease(deps: HeldDeps, runId: string, abort: AbortController): Promise<void> {
  const interval = Math.max(1, Math.floor(deps.leaseMs / 3));
  while (!abort.signal.aborted) {
    await deps.clock.sleep(interval, abort.signal);
    if (abort.signal.aborted) return;
    const now = deps.clock.now();
    const held = await updateHeldRun(deps.db.kysely, runId, deps.lease, { lease_expires_at: now + deps.leaseMs }).catch(
      () => undefined,
    );
    if (held === true) deps.horizon.until = Math.max(deps.horizon.until, now + deps.leaseMs);
    // Lost: abort now. Unknown (the database did not answer): go on trying; the fence stops effects meanwhile.
    if (held === false) {
      deps.observer.leaseLost?.(runId);
      abort.abort();
    }
  }
}

/** A run that waited on a gate (not a timer) and is now taken up again: how long the gate held it. */
export function reportGateWait(deps: ExecutorDeps, claimed: RunRow): void {
  if (!claimed.wait_reason) return;
  const { kind: gate, sinceMs } = fromJson(claimed.wait_reason) as { kind?: string; sinceMs?: number };
  // A timer is no gate.
  if (gate === undefined || gate === "timer" || sinceMs === undefined) return;
  deps.observer.gateWaitEnded?.({ runId: claimed.id, kind: gate, durationMs: deps.clock.now() - sinceMs });
}
