import { systemClock } from "../../engine/clock.js";
import { execFileSync } from "node:child_process";
import { totalmem } from "node:os";
import { cpuTicks, residentPages } from "./proc.js";

/** Samples closer together than this keep the CPU figure of the previous interval: too short to say much. */
export const MIN_SAMPLE_INTERVAL_MS = 250;

export interface Usage {
  /** CPU time over wall time between the last two samples, in percent of one core, averaged per instance. */
  cpuPercent: number | null;
  /** Resident memory over the machine's memory, in percent, averaged per instance. */
  memoryPercent: number | null;
}

export interface ProcReader {
  cpuTicks(pid: number): number | undefined;
  residentBytes(pid: number): number | undefined;
  ticksPerSecond: number;
  totalBytes: number;
}

let system: { ticksPerSecond: number; pageBytes: number } | undefined;

/** Clock ticks per second and the page size, asked of getconf once (Linux's usual values otherwise). */
function systemConstants(): { ticksPerSecond: number; pageBytes: number } {
  const ask = (name: string, fallback: number): number => {
    try {
      const value = Number(execFileSync("getconf", [name], { encoding: "utf8", timeout: 2_000 }).trim());
      return Number.isFinite(value) && value > 0 ? value : fallback;
    } catch {
      return fallback;
    }
  };
  system ??= { ticksPerSecond: ask("CLK_TCK", 100), pageBytes: ask("PAGESIZE", 4096) };
  return system;
}

/** What /proc says, on Linux; null elsewhere. */
export function linuxProc(): ProcReader | null {
  if (process.platform !== "linux") return null;
  const { ticksPerSecond, pageBytes } = systemConstants();
  return {
    cpuTicks,
    residentBytes: (pid) => {
      const pages = residentPages(pid);
      return pages === undefined ? undefined : pages * pageBytes;
    },
    ticksPerSecond,
    totalBytes: totalmem(),
  };
}

interface Sample {
  at: number;
  ticks: number;
  cpuPercent: number | null;
}

const mean = (values: number[]): number | null =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

/**
 * CPU and memory of instances, sampled when asked (on status calls): each pid's CPU ticks are kept
 * from one sample to the next, so the first sample of a process gives its memory but no CPU yet.
 */
export class UsageSampler {
  readonly #samples = new Map<number, Sample>();

  constructor(
    private readonly proc: ProcReader | null = linuxProc(),
    private readonly now: () => number = () => systemClock.now(),
  ) {}

  usage(pids: readonly number[]): Usage {
    const proc = this.proc;
    if (!proc) return { cpuPercent: null, memoryPercent: null };
    const cpu: number[] = [];
    const memory: number[] = [];
    for (const pid of pids) {
      const percent = this.#cpu(proc, pid);
      if (percent !== null) cpu.push(percent);
      const rss = proc.residentBytes(pid);
      if (rss !== undefined && proc.totalBytes > 0) memory.push((100 * rss) / proc.totalBytes);
    }
    return { cpuPercent: mean(cpu), memoryPercent: mean(memory) };
  }

  /** Forgets the samples of processes not in `alive`. */
  retain(alive: ReadonlySet<number>): void {
    for (const pid of this.#samples.keys()) if (!alive.has(pid)) this.#samples.delete(pid);
  }

  #cpu(proc: ProcReader, pid: number): number | null {
    const ticks = proc.cpuTicks(pid);
    if (ticks === undefined || !Number.isFinite(ticks)) {
      this.#samples.delete(pid);
      return null;
    }
    const at = this.now();
    const last = this.#samples.get(pid);
    // A count that went down is another process with the same pid: start over.
    if (!last || ticks < last.ticks) {
      this.#samples.set(pid, { at, ticks, cpuPercent: null });
      return null;
    }
    if (at - last.at < MIN_SAMPLE_INTERVAL_MS) return last.cpuPercent;
    const cpuPercent = (100 * (ticks - last.ticks)) / proc.ticksPerSecond / ((at - last.at) / 1000);
    this.#samples.set(pid, { at, ticks, cpuPercent });
    return cpuPercent;
  }
}
