import type { RunView } from "../../engine/types.js";

/** Shows a followed run: updates as events arrive, log lines, and the end. */
export interface Progress {
  /** The run changed; `atMs` is when, by the server's clock. */
  update(run: RunView, atMs: number): void;
  log(step: string | undefined, line: string, atMs: number): void;
  end(run: RunView): Promise<void>;
}

/** Shows nothing: for --output json, which prints the final run only. */
export const silentProgress: Progress = {
  update: () => undefined,
  log: () => undefined,
  end: () => Promise.resolve(),
};
