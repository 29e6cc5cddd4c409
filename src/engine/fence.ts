/**
 * The fence of target effects. A step reaches the world through `ctx.targets`; the executor hands
 * each execution targets wrapped here, so every effect (run or resize a revision, remove it,
 * weights, roll back, restart, the preview route, the canary guard) first checks, in the
 * database, that this execution's claim still holds the run: same server, same fencing token,
 * lease not expired. A server that lost the run (paused past its lease, cut off from the
 * database, the run cancelled) aborts its execution instead of applying anything. Reads pass.
 *
 * The database's answer is only as fresh as the moment it is read: a server paused (SIGSTOP, a long
 * GC, a frozen VM) after the database answered reads "held" seconds later, when another server may
 * have taken the run. So the fence also asks when the lease it holds runs out, and applies the
 * effect only while its own clock is still short of that, by a margin for the effect's dispatch;
 * the effect starts in the same turn of the event loop as that last check.
 *
 * An effect may read (the database, the cluster) before it writes, and a server may be paused
 * during those reads. So each effect runs inside a write guard (targets/write-guard.ts): right
 * before each write, the target asks again, without the database, whether its clock is still short
 * of the lease's end as last known (from the fence's check or the lease's renewal since).
 */
import { ConflictError } from "../errors.js";
import type { Environment, Service } from "../config/types.js";
import type { Db } from "../store/database.js";
import { heldUntil } from "../store/runs/update.js";
import type { Lease } from "../store/runs/update.js";
import type { Target, Targets } from "../targets/target.js";
import { guardWrites } from "../targets/write-guard.js";
import type { Clock } from "./clock.js";

/** Resolves while the run is held; otherwise aborts the execution and throws. */
export type Fence = () => Promise<void>;

/** When this server last knew its claim to run out: set by each check of the fence and each renewal of the lease. */
export interface LeaseHorizon {
  until: number;
}

export interface FenceOptions {
  db: Db;
  clock: Clock;
  runId: string;
  lease: Lease;
  abort: AbortController;
  horizon: LeaseHorizon;
  /** Told each time the fence stops an effect (metrics). */
  onFenced?: () => void;
}

/** An effect starts only this long before the lease runs out, at the latest. */
export const DISPATCH_MARGIN_MS = 250;

export function leaseFence(options: FenceOptions): Fence {
  const { db, clock, runId, lease, abort, horizon } = options;
  return async () => {
    const until = abort.signal.aborted ? null : await heldUntil(db.kysely, runId, lease, clock.now());
    if (until !== null && !abort.signal.aborted && clock.now() < until - DISPATCH_MARGIN_MS) {
      horizon.until = until;
      return;
    }
    throw fenced(options);
  };
}

/**
 * The check a target makes right before each write of an effect: synchronous, against the lease's
 * end as last known, so that nothing can come between it and the write it allows.
 */
export function writeCheck(options: FenceOptions): () => void {
  const { clock, abort, horizon } = options;
  return () => {
    if (!abort.signal.aborted && clock.now() < horizon.until - DISPATCH_MARGIN_MS) return;
    throw fenced(options);
  };
}

function fenced({ runId, lease, abort, onFenced }: FenceOptions): ConflictError {
  abort.abort();
  onFenced?.();
  return new ConflictError(
    `run ${runId} is no longer held by ${lease.owner} (claim ${lease.token}): the effect was not applied`,
    { details: { runId, owner: lease.owner, token: lease.token } },
  );
}

/** Targets whose every effect passes the fence first, and each of its writes the write check. */
export function fencedTargets(targets: Targets, fence: Fence, check: () => void): Targets {
  return { forEnvironment: (environment) => fencedTarget(targets.forEnvironment(environment), fence, check) };
}

function fencedTarget(target: Target, fence: Fence, check: () => void): Target {
  const fenced = async <T>(effect: () => Promise<T>): Promise<T> => {
    await fence();
    return guardWrites(check, effect);
  };
  type Env = Environment;
  type Svc = Service;
  const wrapped: Target = {
    kind: target.kind,
    capabilities: target.capabilities,
    ensureRevision: (request, signal) => fenced(() => target.ensureRevision(request, signal)),
    removeRevision: (e: Env, s: Svc, revision) => fenced(() => target.removeRevision(e, s, revision)),
    setWeights: (e: Env, s: Svc, weights) => fenced(() => target.setWeights(e, s, weights)),
    rollBack: (e: Env, s: Svc, move) => fenced(() => target.rollBack(e, s, move)),
    restart: (e: Env, s: Svc, revision, key) => fenced(() => target.restart(e, s, revision, key)),
    setPreview: (e: Env, s: Svc, preview) => fenced(() => target.setPreview(e, s, preview)),
    setGuard: (e: Env, s: Svc, guard) => fenced(() => target.setGuard(e, s, guard)),
    status: (e, s) => target.status(e, s),
    peek: (e) => target.peek(e),
    traffic: (e, s) => target.traffic(e, s),
    logs: (e, s, query) => target.logs(e, s, query),
    probePreview: (e, s, signal) => target.probePreview(e, s, signal),
    address: (e) => target.address(e),
  };
  if (target.check) wrapped.check = (environments) => target.check?.(environments) ?? Promise.resolve([]);
  // Reads: how traffic is split, which autoscaler owns a revision's replicas.
  if (target.trafficSplit) wrapped.trafficSplit = (e) => target.trafficSplit?.(e) ?? "weights";
  if (target.autoscaler)
    wrapped.autoscaler = (e, s, revision) => target.autoscaler?.(e, s, revision) ?? Promise.resolve(null);
  // A rolling update the target carries out itself: the apply is an effect, its progress a read.
  if (target.rollsOut && target.rollOut && target.rolloutProgress) {
    wrapped.rollsOut = (e, s) => target.rollsOut?.(e, s) ?? false;
    wrapped.rollOut = (request, signal) => fenced(() => target.rollOut?.(request, signal) ?? Promise.resolve());
    wrapped.rolloutProgress = (e, s, revision) =>
      target.rolloutProgress?.(e, s, revision) ??
      Promise.resolve({ state: "failed" as const, message: `the ${target.kind} target reports no rollout progress` });
  }
  return wrapped;
}
