/**
 * How a run moves on between steps, apart from the steps themselves: which attempt a step
 * execution is (polls are not attempts), and the locks a run gives up as it leaves an environment.
 */
import { isKind } from "../kind.js";
import type { Db } from "../store/database.js";
import { fromJson } from "../store/json.js";
import type { RunRow, RunStepRow } from "../store/rows.js";
import { releaseLocksIn } from "../store/runs/locks.js";
import { updateHeldRun, wakeWaitingRuns } from "../store/runs/update.js";
import type { Lease } from "../store/runs/update.js";
import type { Clock } from "./clock.js";
import type { RunPlan } from "./types.js";

/** What releasing a finished stage's locks needs of the executor. */
export interface StageDeps {
  db: Db;
  clock: Clock;
  lease: Lease;
  ready(): void;
}

/**
 * The attempt a step execution belongs to. A step that waits (a rollout polling, a gate) is taken
 * up again as the same attempt: polls are not attempts; only a new start after a failure or a
 * crash is.
 */
export interface Attempt {
  number: number;
  poll: boolean;
}

export function attemptOf(row: RunStepRow): Attempt {
  return row.status === "waiting" && row.attempts > 0
    ? { number: row.attempts, poll: true }
    : { number: row.attempts + 1, poll: false };
}

/** Since when the run, as claimed, waited for this same reason (kind and message); undefined when it did not. */
export function waitingSince(run: RunRow, reason: { kind: string; message: string }): number | undefined {
  if (!run.wait_reason) return undefined;
  const before = fromJson(run.wait_reason) as { kind?: string; message?: string; sinceMs?: number };
  const same = (["kind", "message"] as const).every((key) => before[key] === reason[key]);
  return same ? before.sinceMs : undefined;
}

/**
 * Entering stage `current`: releases the locks the run holds in the environments of the stages
 * before it that no later stage uses (a promotion done in qa frees qa before it waits for
 * staging's approval), and wakes what waited on them. Idempotent; false when the run is no longer held.
 */
export async function releaseFinishedStages(
  deps: StageDeps,
  runId: string,
  plan: RunPlan,
  current: number,
): Promise<boolean> {
  const later = new Set(plan.stages.slice(current).flatMap(stageEnvironments));
  const done = [...new Set(plan.stages.slice(0, current).flatMap(stageEnvironments))].filter((e) => !later.has(e));
  if (done.length === 0) return true;
  const now = deps.clock.now();
  const released = await deps.db.transaction(async (tx) => {
    if (!(await updateHeldRun(tx, runId, deps.lease, { updated_at: now }))) return null;
    const environments = await releaseLocksIn(tx, runId, done);
    for (const environment of environments) await wakeWaitingRuns(tx, environment, now);
    return environments;
  });
  if (released?.length) deps.ready();
  return released !== null;
}

/** The environments a stage works in: its own and those its lock steps lock. */
function stageEnvironments(stage: RunPlan["stages"][number]): string[] {
  const locked = stage.steps.flatMap((step) => {
    const params = step.params as { environment?: unknown } | null;
    return isKind(step, "lock") && typeof params?.environment === "string" ? [params.environment] : [];
  });
  return stage.environment === undefined ? locked : [stage.environment, ...locked];
}
