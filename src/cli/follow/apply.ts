import type { RunEvent, RunView, StepEventStatus } from "../../engine/types.js";

export type { StepEventStatus };

/**
 * Applies a run or step event to the run as last seen, so progress shows without fetching the
 * run again for every event. A step the run does not show is ignored; the final run is fetched anyway.
 */
export function applyEvent(run: RunView, event: RunEvent): { step?: string; retrying?: boolean } {
  switch (event.type) {
    case "run": {
      const { status, waitReason, error } = event.data;
      run.status = status;
      run.waitReason = status === "waiting" ? (waitReason ?? null) : null;
      if (error) run.error = error;
      return {};
    }
    case "step": {
      const { key, status, attempt, error } = event.data;
      const step = run.stages.flatMap((s) => s.steps).find((s) => s.key === key);
      if (!step) return {};
      step.attempts = attempt;
      if (error) step.error = error;
      if (status === "retrying") return { step: step.key, retrying: true };
      step.status = status;
      // A step that moves on means the run is no longer waiting on it.
      if (status === "running" && run.status === "waiting") {
        run.status = "running";
        run.waitReason = null;
      }
      return { step: step.key };
    }
    case "log":
      return {};
  }
}

/** The text of a log event. */
export function logLine(event: Extract<RunEvent, { type: "log" }>): { step: string | undefined; line: string } {
  return { step: event.data.step ?? undefined, line: event.data.line };
}
