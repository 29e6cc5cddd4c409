import { existsSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { StateLockedError } from "../../infra/terraform/errors.js";
import { type InfraSettings, fileDigest, leftoverLockInfo } from "../../infra/workspace.js";
import type { TypedStepContext, TypedStepResult } from "./contract.js";
import { StepFailure } from "./handler.js";
import { eventLogger } from "./infra-log.js";
import { type InfraOutput, type InfraParams, type InfraState, infraOutput } from "./infra-schemas.js";
import { prepare, warningsOf } from "./infra-prepare.js";

type Ctx = TypedStepContext<InfraState>;
type Result = TypedStepResult<InfraState, InfraOutput>;
type ApplyParams = Extract<InfraParams, { operation: "apply" }>;

/** How long an apply waits for a state lock another process holds before it fails. */
export const APPLY_LOCK_WAIT_MS = 10 * 60_000;
const LOCK_POLL_MS = 5_000;

/** The server died during terraform apply: report it, and never apply the saved plan again. */
function interrupted(settings: InfraSettings, ctx: Ctx, p: ApplyParams, startedAtMs: number, statePath: string): never {
  const lock = leftoverLockInfo(statePath);
  const lockText = lock
    ? `; terraform's lock is still held (${lock.trim()}): release it with \`quikship infra unlock ${p.environment} --lock-id ID\``
    : "";
  throw new StepFailure(
    `terraform apply of ${p.environment} was interrupted (started ${new Date(startedAtMs).toISOString()}, the server stopped during it): ` +
      `the apply may be partial and the saved plan is not applied again; run \`quikship infra plan ${p.environment}\` to see the state${lockText}`,
    { details: { environment: p.environment, startedAtMs, leftoverLock: lock !== null, backend: settings.backend } },
  );
}

/** Applies exactly the plan the run's plan step saved and the approvers saw (same digest), once. */
export async function applyOperation(settings: InfraSettings, ctx: Ctx, p: ApplyParams): Promise<Result> {
  const { workspace: ws, environment, common } = await prepare(settings, ctx, p, false);
  const planned = p.saved
    ? { planDigest: p.saved.digest }
    : ctx.outputOf({ kind: "infra", output: infraOutput }, p.planStep);
  if (!planned || ("operation" in planned && planned.operation !== "plan"))
    throw new StepFailure(`${p.planStep} saved no plan to apply`);
  const state = ctx.state;
  // Written (synced) just before terraform apply starts. A poll of a waiting step keeps its attempt
  // number, so after a crash only this marker tells a second take-up from the first.
  const marker = join(dirname(ws.planFile), `apply-started.${ctx.runId}`);
  if (state?.phase === "applying" && (state.attempt !== ctx.attempt || existsSync(marker)))
    interrupted(settings, ctx, p, state.startedAtMs, ws.statePath);
  if (!existsSync(ws.planFile) || fileDigest(ws.planFile) !== planned.planDigest)
    throw new StepFailure(
      `the saved plan of ${environment} is missing or is not the one planned (${planned.planDigest}): start a new run`,
    );
  if (state?.phase !== "applying") {
    // Persisted before terraform starts (the engine stores it and takes the step up again at once).
    const startedAtMs = ctx.clock.now();
    return {
      outcome: "wait",
      reason: { kind: "timer", message: `applying the saved plan of ${environment}`, untilMs: startedAtMs },
      wakeAtMs: startedAtMs,
      state: { phase: "applying", startedAtMs, planDigest: planned.planDigest, attempt: ctx.attempt },
    };
  }
  const { secrets } = await ws.terraform.show(ws.planFile);
  // A server that lost the run never starts terraform apply for it.
  await ctx.fence();
  writeFileSync(marker, `${ctx.runId} ${planned.planDigest}\n`, { flush: true });
  const logger = eventLogger((l) => ctx.log(l), secrets);
  try {
    const applied = await ws.terraform.apply(ws.planFile, { onEvent: logger.onEvent, signal: ctx.signal });
    const outputs = await ws.terraform.outputs();
    const c = applied.counts ?? { add: 0, change: 0, remove: 0, import: 0 };
    await ctx.log(`${environment}: applied: ${c.add} added, ${c.change} changed, ${c.remove} destroyed`);
    return {
      outcome: "done",
      output: secrets.scrubDeep({
        operation: "apply",
        ...common,
        warnings: warningsOf(applied.diagnostics),
        counts: { add: c.add, change: c.change, remove: c.remove, import: c.import },
        outputs,
      }),
    };
  } catch (error) {
    if (!(error instanceof StateLockedError)) throw error;
    rmSync(marker, { force: true }); // terraform never started applying: the next poll may try again
    return lockWait(ctx, environment, error);
  } finally {
    await logger.flush();
  }
}

function lockWait(ctx: Ctx, environment: string, error: StateLockedError): Result {
  const now = ctx.clock.now();
  const sinceMs = ctx.state?.phase === "waiting-for-lock" ? ctx.state.sinceMs : now;
  if (now - sinceMs >= APPLY_LOCK_WAIT_MS)
    throw new StepFailure(`${error.message}; gave up after ${APPLY_LOCK_WAIT_MS / 60_000} minutes`);
  const holder = `${error.lock.who || "someone"} (terraform lock ${error.lock.id})`;
  return {
    outcome: "wait",
    reason: { kind: "lock", environment, service: "terraform", heldBy: holder, message: error.message },
    wakeAtMs: now + LOCK_POLL_MS,
    state: { phase: "waiting-for-lock", sinceMs, lock: error.lock },
  };
}
