import { spawnSync } from "node:child_process";

export interface Figures {
  min: number;
  median: number;
  max: number;
}

export function summarize(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted[sorted.length - 1]! };
}

/** Wall-clock milliseconds of a function, `runs` times, after one warm-up. */
export function timeInProcess(runs: number, fn: () => void): Figures {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return summarize(samples);
}

/** Wall-clock milliseconds of a whole process, `runs` times, after one warm-up; fails if it exits non-zero. */
export function timeProcess(runs: number, command: string, args: string[]): Figures {
  const once = (): number => {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0)
      throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${result.stderr.toString()}`);
    return ms;
  };
  once();
  return summarize(Array.from({ length: runs }, once));
}

export function report(title: string, figures: Figures, target?: { max: number; of: keyof Figures }): void {
  const f = (n: number): string => `${n.toFixed(1)} ms`;
  const verdict = target
    ? `  target ${target.of} ≤ ${target.max} ms: ${figures[target.of] <= target.max ? "met" : "MISSED"}`
    : "";
  console.log(
    `${title.padEnd(58)} min ${f(figures.min)}  median ${f(figures.median)}  max ${f(figures.max)}${verdict}`,
  );
}
