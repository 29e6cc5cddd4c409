import { setMaxListeners } from "node:events";
import type { RunRow } from "../store/rows.js";
import { claimReadyRun } from "../store/runs/claim.js";
import { nextWakeAt } from "../store/runs/read.js";
import { releaseLeases } from "../store/runs/update.js";
import { executeRun } from "./execute.js";
import type { ExecutorDeps } from "./execute.js";

export interface WorkerOptions {
  /** Runs executed at once by this server. */
  concurrency: number;
  /** Longest sleep between looks for ready runs (other servers' runs, missed wake-ups). */
  pollMs: number;
  /** Looked at beside the runs, at most every second: scheduled work (promotions, drift checks, standby expiry). */
  timers?: () => Promise<void>;
}

/**
 * Claims ready runs and executes them. `start` runs a loop until `stop`; `drain` claims and
 * executes until nothing is ready, for tests that move an injected clock.
 */
export class Worker {
  readonly #deps: ExecutorDeps;
  readonly #options: WorkerOptions;
  readonly #active = new Set<Promise<void>>();
  readonly #stop = new AbortController();
  #poke = new AbortController();
  #nextTimersAt = 0;
  #timers: Promise<void> | undefined;
  #loop: Promise<void> | undefined;

  constructor(deps: ExecutorDeps, options: WorkerOptions) {
    this.#deps = deps;
    this.#options = options;
    // Every execution listens for the stop.
    setMaxListeners(0, this.#stop.signal);
  }

  /** Wakes the loop now: a run was queued or became ready. */
  poke(): void {
    this.#poke.abort();
  }

  /**
   * Starts the loop. Runs still leased to this server's id belonged to a previous process with the
   * same identity that died: they are claimable again at once instead of after their leases.
   */
  start(): void {
    this.#loop ??= releaseLeases(this.#deps.db.kysely, this.#deps.owner, this.#deps.clock.now()).then(() =>
      this.#run(),
    );
  }

  /** Stops claiming, lets executing steps persist their transitions, then hands the runs back. */
  async stop(): Promise<void> {
    this.#stop.abort();
    this.poke();
    await this.#loop;
    await Promise.all(this.#active);
    await this.#timers;
    await releaseLeases(this.#deps.db.kysely, this.#deps.owner, this.#deps.clock.now());
  }

  /** Claims and executes ready runs until none is ready. Returns how many executions ran. */
  async drain(): Promise<number> {
    let executed = 0;
    for (;;) {
      const row = await this.#claim();
      if (!row) {
        if (this.#active.size === 0) return executed;
        await Promise.race(this.#active);
        continue;
      }
      executed++;
      this.#launch(row);
    }
  }

  async #run(): Promise<void> {
    const { clock } = this.#deps;
    while (!this.#stop.signal.aborted) {
      this.#poke = new AbortController();
      while (this.#active.size < this.#options.concurrency && !this.#stop.signal.aborted) {
        const row = await this.#claim().catch(() => undefined);
        if (!row) break;
        this.#launch(row);
      }
      if (this.#stop.signal.aborted) break;
      this.#runTimers();
      const wake = await nextWakeAt(this.#deps.db.kysely).catch(() => undefined);
      const now = clock.now();
      const sleepMs =
        wake === undefined ? this.#options.pollMs : Math.max(0, Math.min(this.#options.pollMs, wake - now));
      if (this.#active.size >= this.#options.concurrency)
        await Promise.race([...this.#active, clock.sleep(sleepMs, this.#poke.signal)]);
      else await clock.sleep(sleepMs, this.#poke.signal);
    }
  }

  #runTimers(): void {
    const timers = this.#options.timers;
    const now = this.#deps.clock.now();
    if (!timers || this.#timers || now < this.#nextTimersAt) return;
    this.#nextTimersAt = now + 1000;
    this.#timers = timers()
      .catch((error: unknown) => this.#deps.onError("(scheduled work)", error))
      .then(() => {
        this.#timers = undefined;
      });
  }

  #claim(): Promise<RunRow | undefined> {
    const { db, owner, clock, leaseMs } = this.#deps;
    return claimReadyRun(db.kysely, db.dialect, { owner, now: clock.now(), leaseMs });
  }

  #launch(row: RunRow): void {
    this.#deps.observer.runClaimed?.(row.id);
    const execution = executeRun(this.#deps, row, this.#stop.signal)
      .catch((error: unknown) => this.#deps.onError(row.id, error))
      .finally(() => {
        this.#active.delete(execution);
        this.poke();
      });
    this.#active.add(execution);
  }
}
