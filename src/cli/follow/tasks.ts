/**
 * A followed run on a terminal: listr2 shows each stage with its steps, spinning while a step runs
 * and ticking it off when it ends. Listr drives tasks by promises, so each step is a promise that
 * the run's events settle.
 */
import { Listr } from "listr2";
import type { ListrTask } from "listr2";
import type { RunView, StepView } from "../../engine/types.js";
import type { Progress } from "./progress.js";

/** What a step's task needs from listr's task wrapper. */
interface TaskHandle {
  title: string;
  output: string;
  skip(message?: string): void;
}

type Outcome = { kind: "ok" } | { kind: "skip"; message: string } | { kind: "fail"; error: Error };

class StepTask {
  readonly #done: Promise<void>;
  #settle!: (error?: Error) => void;
  #task: TaskHandle | undefined;
  #view: StepView;
  #note = "";
  /** The run has ended: whatever has not finished will not run. */
  #finishing = false;
  #settled = false;

  constructor(view: StepView) {
    this.#view = view;
    this.#done = new Promise<void>((resolve, reject) => {
      this.#settle = (error) => (error ? reject(error) : resolve());
    });
  }

  /** Called by listr when the step's turn comes; resolves when the step ends. */
  attach(task: TaskHandle): Promise<void> {
    this.#task = task;
    this.#render();
    return this.#done;
  }

  update(view: StepView, note: string | undefined): void {
    this.#view = view;
    if (note !== undefined) this.#note = note;
    this.#render();
  }

  /** Shows a line under the step: its latest log line or what it waits for. */
  note(line: string): void {
    this.#note = line;
    this.#render();
  }

  finish(): void {
    this.#finishing = true;
    this.#render();
  }

  #outcome(): Outcome | undefined {
    const { status, title, error } = this.#view;
    if (status === "succeeded") return { kind: "ok" };
    if (status === "failed") return { kind: "fail", error: new Error(`${title}: ${error?.message ?? "failed"}`) };
    if (status === "skipped" || status === "cancelled") return { kind: "skip", message: `${title}: ${status}` };
    return this.#finishing
      ? { kind: "skip", message: `${title}: ${status === "pending" ? "not run" : `stopped while ${status}`}` }
      : undefined;
  }

  #render(): void {
    const task = this.#task;
    if (!task || this.#settled) return;
    const attempt = this.#view.attempts > 1 ? ` (attempt ${this.#view.attempts})` : "";
    task.title = `${this.#view.title}${attempt}`;
    if (this.#note) task.output = this.#note;
    const outcome = this.#outcome();
    if (!outcome) return;
    this.#settled = true;
    switch (outcome.kind) {
      case "skip":
        task.title = outcome.message;
        task.skip();
        return this.#settle(undefined);
      case "fail":
        return this.#settle(outcome.error);
      case "ok":
        return this.#settle(undefined);
    }
  }
}

export class TaskProgress implements Progress {
  readonly #steps = new Map<string, StepTask>();
  #listr: Promise<void> | undefined;

  update(run: RunView): void {
    this.#listr ??= this.#start(run);
    for (const stage of run.stages) {
      for (const step of stage.steps) {
        const waiting = step.status === "waiting" || (step.status === "running" && run.status === "waiting");
        this.#steps.get(step.key)?.update(step, waiting ? (run.waitReason?.message ?? "waiting") : undefined);
      }
    }
  }

  log(step: string | undefined, line: string): void {
    if (step !== undefined) this.#steps.get(step)?.note(line);
  }

  async end(run: RunView): Promise<void> {
    this.update(run);
    for (const task of this.#steps.values()) task.finish();
    await this.#listr;
  }

  #start(run: RunView): Promise<void> {
    for (const step of run.stages.flatMap((s) => s.steps)) this.#steps.set(step.key, new StepTask(step));
    const tasks: ListrTask[] = run.stages.map((stage) => ({
      title: stage.title,
      task: (_ctx, task) =>
        task.newListr(
          stage.steps.map((step): ListrTask => ({
            title: step.title,
            task: (_c, t) => this.#steps.get(step.key)!.attach(t),
          })),
          { concurrent: false, exitOnError: false },
        ),
    }));
    const listr = new Listr(tasks, {
      concurrent: false,
      exitOnError: false,
      rendererOptions: { collapseSubtasks: false, collapseSkips: false },
    });
    // Failures are shown by the renderer and in the final status; the run's outcome decides the exit code.
    return listr.run().then(
      () => undefined,
      () => undefined,
    );
  }
}
