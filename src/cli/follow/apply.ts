import type { Json, RunError, RunEvent, RunStatus, RunView, StepStatus, WaitReason } from "../../engine/types.js";
import { RUN_STATUSES, STEP_STATUSES } from "../../engine/types.js";

type Data = { [key: string]: Json };

function asObject(value: Json): Data {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
}

/** A step's event status: the engine's step statuses, plus "retrying" between attempts. */
export type StepEventStatus = StepStatus | "retrying";

/**
 * Applies a run or step event to the run as last seen, so progress shows without fetching the
 * run again for every event. Unknown shapes are ignored; the final run is fetched anyway.
 */
export function applyEvent(run: RunView, event: RunEvent): { step?: string; retrying?: boolean } {
  const data = asObject(event.data);
  const status = typeof data.status === "string" ? data.status : "";
  if (event.type === "run" && (RUN_STATUSES as readonly string[]).includes(status)) {
    run.status = status as RunStatus;
    run.waitReason = run.status === "waiting" && data.waitReason ? (data.waitReason as unknown as WaitReason) : null;
    if (data.error) run.error = data.error as unknown as RunError;
    return {};
  }
  if (event.type === "step" && typeof data.key === "string") {
    const step = run.stages.flatMap((s) => s.steps).find((s) => s.key === data.key);
    if (!step) return {};
    if (typeof data.attempt === "number") step.attempts = data.attempt;
    if (data.error) step.error = data.error as unknown as RunError;
    if (status === "retrying") return { step: step.key, retrying: true };
    if ((STEP_STATUSES as readonly string[]).includes(status)) step.status = status as StepStatus;
    // A step that moves on means the run is no longer waiting on it.
    if (status === "running" && run.status === "waiting") {
      run.status = "running";
      run.waitReason = null;
    }
    return { step: step.key };
  }
  return {};
}

/** The text of a log event: {step, line}. */
export function logLine(event: RunEvent): { step: string | undefined; line: string } {
  const data = asObject(event.data);
  return {
    step: typeof data.step === "string" ? data.step : undefined,
    line: typeof data.line === "string" ? data.line : JSON.stringify(event.data),
  };
}
