import type { RunView } from "../../engine/types.js";
import { colors } from "../output.js";
import type { Progress } from "./progress.js";

const time = (ms: number): string => new Date(ms).toISOString().slice(11, 19);
const ENDED: ReadonlySet<string> = new Set(["succeeded", "failed", "cancelled"]);

/** How a run ended, in one line: `run ID failed: why`. */
export function finalLine(run: RunView): string {
  const why = run.error && run.status !== "succeeded" ? `: ${run.error.message}` : "";
  return `run ${run.id} ${colorStatus(run.status)}${why}`;
}

/** A step's status as shown: a step a run that ended never reached was not run, not pending. */
export function shownStatus(step: { status: string }, run: { status: string }): string {
  return step.status === "pending" && ENDED.has(run.status) ? "not run" : step.status;
}

/** One line per change of the run or a step: for logs, pipes and CI. */
export class PlainProgress implements Progress {
  readonly #seen = new Map<string, string>();

  #at = 0;

  constructor(private readonly write: (text: string) => void = (t) => process.stdout.write(t)) {}

  update(run: RunView, atMs: number = this.#at): void {
    this.#at = atMs;
    // A run taken up again after a wait is no news; a new wait reason is.
    const runKey = `run ${run.id}`;
    const runState =
      run.status === "running" && this.#seen.has(runKey)
        ? this.#seen.get(runKey)!
        : `${run.status}${run.waitReason ? `: ${run.waitReason.message}` : ""}`;
    // The end of the run is said once, by end(), after its last steps (compensation runs after the failure).
    if (!ENDED.has(run.status))
      this.#line(
        `run ${run.id}`,
        runState,
        () => `run ${run.id} ${colorStatus(run.status)}${run.waitReason ? ` (${run.waitReason.message})` : ""}`,
      );
    for (const stage of run.stages) {
      for (const step of stage.steps) {
        // A step that polls (running, waiting, running, ...) is one line until it ends; a retry after a failure shows its attempt.
        const state =
          step.status === "running" || step.status === "waiting"
            ? step.error
              ? `active/${step.attempts}`
              : "active"
            : `${step.status}/${step.attempts}`;
        this.#line(`step ${step.key}`, state, () => {
          const attempt =
            step.attempts > 1 && (step.error || step.status === "failed") ? ` (attempt ${step.attempts})` : "";
          const error = step.error && step.status === "failed" ? `: ${step.error.message}` : "";
          return `  ${step.title} ${colorStatus(step.status)}${attempt}${error}`;
        });
      }
    }
  }

  log(step: string | undefined, line: string, atMs: number): void {
    this.write(`${colors.dim(`${time(atMs)}   ${step ?? ""} |`)} ${line}\n`);
  }

  end(run: RunView): Promise<void> {
    this.update(run, run.finishedAt ?? this.#at);
    this.write(`${colors.dim(time(this.#at))} ${finalLine(run)}\n`);
    return Promise.resolve();
  }

  /** Prints `text` when the state under `key` changed since last printed. */
  #line(key: string, state: string, text: () => string): void {
    if (this.#seen.get(key) === state) return;
    // Pending steps are announced by the plan, not one by one.
    if (!this.#seen.has(key) && state.startsWith("pending/")) {
      this.#seen.set(key, state);
      return;
    }
    this.#seen.set(key, state);
    this.write(`${colors.dim(time(this.#at))} ${text()}\n`);
  }
}

export function colorStatus(status: string): string {
  if (status === "succeeded") return colors.green(status);
  if (status === "failed") return colors.red(status);
  if (status === "cancelled" || status === "skipped") return colors.yellow(status);
  if (status === "waiting") return colors.cyan(status);
  return status;
}
