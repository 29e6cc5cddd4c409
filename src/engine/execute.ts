import { asQuikshipError } from "../errors.js";
import { isKind } from "../kind.js";
import { fromJson, toJson } from "../store/json.js";
import type { RunRow, RunStepRow } from "../store/rows.js";
import { insertSteps } from "../store/runs/insert.js";
import { recordEvent } from "./events.js";
import { listRunCommands } from "../store/runs/commands.js";
import { findSteps } from "../store/runs/read.js";
import {
  countFailedAttempts,
  finishAttempt,
  insertAttempt,
  parkHeldRun,
  updateHeldRun,
  updateStep,
} from "../store/runs/update.js";
import { StepFailure } from "./steps/handler.js";
import type { StepResult } from "./steps/handler.js";
import { DEFAULT_RETRY } from "./types.js";
import type { Json, RunCommand, RunError, RunPlan, RunRequest, StepSpec } from "./types.js";
import { attemptOf, releaseFinishedStages, waitingSince } from "./progress.js";
import { acquireHeldLock, finishRun, keepLease, reportGateWait } from "./run-lease.js";
import type { ExecutorDeps, HeldDeps } from "./run-lease.js";
import { fencedTargets, leaseFence, writeCheck } from "./fence.js";

export type { ExecutorDeps } from "./run-lease.js";
import type { Attempt } from "./progress.js";

type Outcome = { kind: "continue"; output: Json | null } | { kind: "stop" } | { kind: "failed"; error: RunError };

/** What a step's row holds once the step has ended. */
function settled(outcome: Exclude<Outcome, { kind: "stop" }>): Partial<RunStepRow> {
  switch (outcome.kind) {
    case "continue":
      return { status: "succeeded", output: outcome.output === null ? null : toJson(outcome.output) };
    case "failed":
      return { status: "failed", error: toJson(outcome.error) };
  }
}

/** One execution of a claimed run: what its steps share. */
interface Execution {
  run: RunRow;
  request: RunRequest;
  plan: RunPlan;
  /** The run's step rows by key, kept current as steps end. */
  rows: Map<string, RunStepRow>;
  abort: AbortController;
  outputOf: (stepKey: string) => Json | null;
}

/**
 * Executes a claimed run from its first unfinished step. Every transition is persisted before
 * the effect that follows it, and only while this server still holds the run; a step whose
 * effect happened but whose completion was not persisted is executed again, so step handlers
 * are idempotent (their idempotency key does not change between attempts).
 */
export async function executeRun(engine: ExecutorDeps, claimed: RunRow, stop: AbortSignal): Promise<void> {
  const { db } = engine;
  const plan = fromJson(claimed.plan) as RunPlan;
  const request = fromJson(claimed.request) as RunRequest;
  const abort = new AbortController();
  const lease = { owner: engine.owner, token: claimed.lease_token };
  const onFenced = (): void => engine.observer.effectFenced?.(claimed.id);
  const horizon = { until: claimed.lease_expires_at ?? 0 };
  const fencing = { db, clock: engine.clock, runId: claimed.id, lease, abort, horizon, onFenced };
  const fence = leaseFence(fencing);
  // Every step reaches the targets through the fence: a lost claim applies nothing.
  const targets = fencedTargets(engine.targets, fence, writeCheck(fencing));
  const deps: HeldDeps = { ...engine, lease, fence, horizon, targets };
  const onStop = (): void => abort.abort();
  stop.addEventListener("abort", onStop, { once: true });
  const heartbeat = keepLease(deps, claimed.id, abort);
  reportGateWait(deps, claimed);
  try {
    const rows = new Map((await findSteps(db.kysely, claimed.id)).map((r) => [r.key, r]));
    const outputOf = (key: string): Json | null => {
      const done = rows.get(key);
      return done?.status === "succeeded" && done.output ? (fromJson(done.output) as Json) : null;
    };
    const execution: Execution = { run: claimed, request, plan, rows, abort, outputOf };
    const steps = plan.stages.flatMap((s) => s.steps);
    // A run taken up again after one of its steps failed for good was compensating: it goes on with that.
    const failed = steps.find((s) => rows.get(s.key)?.status === "failed");
    if (failed) return await compensate(deps, execution, failed.key, stepError(rows.get(failed.key)!));
    let stage = -1;
    for (const spec of steps) {
      const row = rows.get(spec.key);
      if (!row || row.status === "succeeded" || row.status === "skipped") continue;
      if (abort.signal.aborted) return;
      const at = plan.stages.findIndex((s) => s.steps.includes(spec));
      if (at !== stage && !(await releaseFinishedStages(deps, claimed.id, plan, (stage = at)))) return;
      const state = savedState(row);
      const outcome = await runStep(deps, claimed, request, spec, attemptOf(row), state, abort, outputOf);
      if (isKind(outcome, "stop")) return;
      if (isKind(outcome, "failed")) return await compensate(deps, execution, spec.key, outcome.error);
      Object.assign(row, settled(outcome));
    }
    await finishRun(deps, claimed.id, "succeeded", null);
  } finally {
    stop.removeEventListener("abort", onStop);
    abort.abort();
    await heartbeat;
  }
}

async function runStep(
  deps: HeldDeps,
  run: RunRow,
  request: RunRequest,
  spec: StepSpec,
  attempt: Attempt,
  state: Json | null,
  abort: AbortController,
  outputOf: (stepKey: string) => Json | null,
): Promise<Outcome> {
  const { db, clock, lease } = deps;
  const startedAt = clock.now();
  const began = await db.transaction(async (tx) => {
    if (!(await updateHeldRun(tx, run.id, lease, { updated_at: startedAt, wait_reason: null }))) return false;
    if (attempt.poll) return true;
    await updateStep(tx, run.id, spec.key, {
      status: "running",
      attempts: attempt.number,
      started_at: startedAt,
      error: null,
    });
    await insertAttempt(tx, run.id, spec.key, attempt.number, startedAt);
    await recordEvent(tx, run.id, startedAt, {
      type: "step",
      data: { key: spec.key, status: "running", attempt: attempt.number },
    });
    return true;
  });
  deps.changed(run.id);
  if (!began) return { kind: "stop" };

  const handler = deps.handlers.get(spec.kind);
  let result: StepResult;
  try {
    const commands = (await listRunCommands(db.kysely, run.id)).map((c): RunCommand => ({
      id: c.id,
      command: c.command as RunCommand["command"],
      actor: c.actor,
      comment: c.comment,
      at: c.at,
    }));
    if (!handler) throw new StepFailure(`no handler for step kind "${spec.kind}" (a bug in quikship)`);
    result = await handler.run(
      {
        runId: run.id,
        stepKey: spec.key,
        attempt: attempt.number,
        idempotencyKey: `${run.id}/${spec.key}`,
        request,
        actor: run.actor,
        state,
        platform: deps.platform(),
        targets: deps.targets,
        fence: deps.fence,
        images: deps.images,
        clock,
        signal: abort.signal,
        log: (line) => log(deps, run.id, spec.key, line),
        outputOf,
        db,
        commands,
        locks: {
          acquire: (environment, service) => acquireHeldLock(deps, run.id, abort, environment, service),
        },
      },
      spec.params,
    );
  } catch (error) {
    if (abort.signal.aborted) return { kind: "stop" };
    return failStep(deps, run, spec, attempt.number, error, startedAt);
  }
  const now = clock.now();
  deps.observer.stepFinished?.({
    runId: run.id,
    kind: spec.kind,
    status: result.outcome === "done" ? "succeeded" : "waiting",
    durationMs: now - startedAt,
  });
  if (result.outcome === "done") {
    await db.transaction(async (tx) => {
      await updateStep(tx, run.id, spec.key, {
        status: "succeeded",
        finished_at: now,
        output: result.output === undefined ? null : toJson(result.output),
        state: null,
      });
      await finishAttempt(tx, run.id, spec.key, attempt.number, "succeeded", null, now);
      await recordEvent(tx, run.id, now, {
        type: "step",
        data: { key: spec.key, status: "succeeded", attempt: attempt.number },
      });
    });
    deps.changed(run.id);
    return { kind: "continue", output: result.output ?? null };
  }
  const parked = await db.transaction(async (tx) => {
    await updateStep(tx, run.id, spec.key, {
      status: "waiting",
      // The public progress (the API and dashboard read it) and the private state apart.
      output: result.output === undefined ? null : toJson(result.output),
      state: result.state === undefined ? null : toJson(result.state),
    });
    await finishAttempt(tx, run.id, spec.key, attempt.number, "waiting", null, now);
    const since = attempt.poll ? waitingSince(run, result.reason) : undefined;
    const reason = toJson({ ...result.reason, sinceMs: since ?? now });
    const ok = await parkHeldRun(tx, run.id, lease, reason, result.wakeAtMs, now);
    // A poll that waits for the same reason as before is no news: one event per change of state.
    if (ok && since === undefined)
      await recordEvent(tx, run.id, now, {
        type: "run",
        data: {
          status: "waiting",
          waitReason: result.reason,
          wakeAt: result.wakeAtMs,
        },
      });
    return ok;
  });
  deps.changed(run.id);
  if (parked) deps.ready();
  return { kind: "stop" };
}

async function failStep(
  deps: HeldDeps,
  run: RunRow,
  spec: StepSpec,
  attempt: number,
  thrown: unknown,
  startedAt: number,
): Promise<Outcome> {
  const { db, clock, lease } = deps;
  const error = asQuikshipError(thrown);
  const now = clock.now();
  const runError: RunError = {
    message: error.message,
    kind: error.kind,
    step: spec.key,
    ...(error.details === undefined ? {} : { details: error.details as Json }),
  };
  deps.observer.stepFinished?.({ runId: run.id, kind: spec.kind, status: "failed", durationMs: now - startedAt });
  const policy = spec.retry ?? DEFAULT_RETRY;
  const failures = (await countFailedAttempts(db.kysely, run.id, spec.key)) + 1;
  if (error.retryable && failures < policy.maxAttempts) {
    const delay =
      (error instanceof StepFailure ? error.nextRetryDelayMs : undefined) ??
      Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.backoff ** (failures - 1));
    const untilMs = now + delay;
    await db.transaction(async (tx) => {
      await updateStep(tx, run.id, spec.key, { status: "pending", error: toJson(runError) });
      await finishAttempt(tx, run.id, spec.key, attempt, "failed", toJson(runError), now);
      const reason = {
        kind: "timer",
        message: `retrying ${spec.key} (failure ${failures} of at most ${policy.maxAttempts}): ${error.message}`,
        untilMs,
      };
      if (
        await updateHeldRun(tx, run.id, lease, {
          status: "waiting",
          wait_reason: toJson(reason),
          wake_at: untilMs,
          lease_owner: null,
          lease_expires_at: null,
          updated_at: now,
        })
      )
        await recordEvent(tx, run.id, now, {
          type: "step",
          data: {
            key: spec.key,
            status: "retrying",
            attempt,
            error: runError,
            retryAt: untilMs,
          },
        });
    });
    deps.changed(run.id);
    return { kind: "stop" };
  }
  await db.transaction(async (tx) => {
    await updateStep(tx, run.id, spec.key, { status: "failed", finished_at: now, error: toJson(runError) });
    await finishAttempt(tx, run.id, spec.key, attempt, "failed", toJson(runError), now);
    await recordEvent(tx, run.id, now, {
      type: "step",
      data: { key: spec.key, status: "failed", attempt, error: runError },
    });
  });
  return { kind: "failed", error: runError };
}

/**
 * A step failed for good: runs its stage's compensation steps (`onFailure`) that have not run, in
 * order, then ends the run failed with the step's error, and the errors of compensation steps that
 * failed too (a failing one does not stop the others). Their rows are created as it begins, so a
 * run taken up again after a crash goes on with them and never runs the failed step again.
 */
async function compensate(deps: HeldDeps, x: Execution, failedKey: string, error: RunError): Promise<void> {
  const stage = x.plan.stages.findIndex((s) => s.steps.some((step) => step.key === failedKey));
  const steps = x.plan.stages[stage]?.onFailure ?? [];
  if (!(await addCompensationRows(deps, x, stage, steps))) return;
  const failures: string[] = [];
  for (const spec of steps) {
    const row = x.rows.get(spec.key)!;
    if (row.status === "failed") failures.push(`${spec.key}: ${stepError(row).message}`);
    if (row.status === "succeeded" || row.status === "failed") continue;
    if (x.abort.signal.aborted) return;
    const state = savedState(row);
    const outcome = await runStep(deps, x.run, x.request, spec, attemptOf(row), state, x.abort, x.outputOf);
    if (isKind(outcome, "stop")) return;
    if (isKind(outcome, "failed")) failures.push(`${spec.key}: ${outcome.error.message}`);
    Object.assign(row, settled(outcome));
  }
  const message =
    failures.length === 0 ? error.message : `${error.message}; compensation failed too: ${failures.join("; ")}`;
  await finishRun(deps, x.run.id, "failed", { ...error, message });
}

/** Creates the rows of the compensation steps that have none yet, after the stage's steps; false when the run is no longer held. */
async function addCompensationRows(deps: HeldDeps, x: Execution, stage: number, steps: StepSpec[]): Promise<boolean> {
  const first = x.plan.stages[stage]?.steps.length ?? 0;
  const missing = steps
    .map((spec, i) => ({ key: spec.key, kind: spec.kind, index: first + i }))
    .filter((s) => !x.rows.has(s.key));
  if (missing.length === 0) return true;
  const now = deps.clock.now();
  const added = await deps.db.transaction(async (tx) =>
    (await updateHeldRun(tx, x.run.id, deps.lease, { updated_at: now }))
      ? insertSteps(tx, x.run.id, stage, missing)
      : null,
  );
  for (const row of added ?? []) x.rows.set(row.key, row);
  return added !== null;
}

/** What a waiting step saved for its next run; null when it runs for the first time (or after a retry). */
function savedState(row: RunStepRow): Json | null {
  return row.status === "waiting" && row.state ? (fromJson(row.state) as Json) : null;
}

function stepError(row: RunStepRow): RunError {
  return row.error
    ? (fromJson(row.error) as RunError)
    : { message: `step ${row.key} failed`, kind: "internal", step: row.key };
}

async function log(deps: HeldDeps, runId: string, step: string, line: string): Promise<void> {
  // Steps mask the secrets they hold (a script masks what it resolved) before logging.
  await recordEvent(deps.db.kysely, runId, deps.clock.now(), { type: "log", data: { step, line } });
  deps.changed(runId);
}
