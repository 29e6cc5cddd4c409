import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import type { Clock } from "../../engine/clock.js";
import type { InstanceStatus, RevisionSpec } from "../contract.js";
import { nextRestartDelayMs } from "./backoff.js";
import { probeHealth } from "./health.js";
import type { LogWriter } from "./logs.js";
import { maskedLineSplitter } from "../../platform/masked-lines.js";
import { MAX_LINE_CHARS } from "./logs.js";
import { groupAlive, signalGroup } from "./proc.js";
import type { InstanceRegistry } from "./registry.js";

export type InstanceState = InstanceStatus["state"];

export type InstanceEvent =
  | { kind: "started"; instance: string; pid: number }
  | { kind: "state"; instance: string; state: InstanceState }
  | { kind: "crashed"; instance: string; exit: string; restartInMs: number };

export interface InstanceOptions {
  id: string;
  port: number;
  /** The revision's spec now (its variables may change between starts). */
  spec: () => RevisionSpec;
  /** Inherited variables: PATH, HOME, LANG, TZ. */
  baseEnv: Record<string, string>;
  clock: Clock;
  log: LogWriter;
  registry: InstanceRegistry;
  onEvent: (event: InstanceEvent) => void;
  /** Time between SIGTERM and SIGKILL when stopping (default 5 s). */
  stopGraceMs?: number;
}

const PROBE_STARTING_MS = 250;
const PROBE_READY_MS = 2_000;
const FAILURES_UNHEALTHY = 3;
export const STOP_GRACE_MS = 5_000;

/**
 * One instance: a process in a group of its own (so a shell's children go with it), probed until
 * ready, restarted with backoff when it exits, stopped with SIGTERM then SIGKILL.
 */
export class Instance {
  readonly id: string;
  readonly port: number;
  readonly #o: InstanceOptions;
  #state: InstanceState = "starting";
  #restarts = 0;
  #startedAt = 0;
  #pid: number | null = null;
  #delayMs: number | undefined;
  /** Aborted when this process run ends: cancels its probes. */
  #run = new AbortController();
  /** Aborted when the instance is being stopped: cancels a pending restart. */
  readonly #stopping = new AbortController();
  #exited: Promise<void> = Promise.resolve();
  #waiters: (() => void)[] = [];

  constructor(options: InstanceOptions) {
    this.id = options.id;
    this.port = options.port;
    this.#o = options;
  }

  get state(): InstanceState {
    return this.#state;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  status(): InstanceStatus {
    return {
      id: this.id,
      pid: this.#pid,
      port: this.port,
      state: this.#state,
      restarts: this.#restarts,
      startedAt: this.#startedAt,
    };
  }

  start(): void {
    const spec = this.#o.spec();
    const [file, args] =
      typeof spec.command === "string"
        ? ["/bin/sh", ["-c", spec.command]]
        : [spec.command[0] ?? "", spec.command.slice(1)];
    const env = {
      ...this.#o.baseEnv,
      ...spec.env,
      PORT: String(this.port),
      SERVICE_NAME: spec.service,
      VERSION: spec.tag,
      ENVIRONMENT: spec.environment,
    };
    const run = (this.#run = new AbortController());
    this.#startedAt = this.#o.clock.now();
    this.#setState("starting");
    let child: ChildProcess;
    try {
      child = spawn(file, args, { cwd: spec.cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    } catch (error) {
      this.#ended(run, null, `cannot start: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    let onExit = (): void => {};
    this.#exited = new Promise((resolve) => (onExit = resolve));
    const pid = child.pid ?? null;
    for (const stream of ["stdout", "stderr"] as const) {
      const lines = maskedLineSplitter(
        () => spec.secretNames.map((n) => spec.env[n] ?? ""),
        MAX_LINE_CHARS,
        (text) => this.#o.log(this.id, stream, text),
      );
      child[stream]?.on("data", (chunk: Buffer) => lines.push(chunk));
      child[stream]?.on("end", () => lines.end());
    }
    let gone = false;
    const end = (why: string): void => {
      if (gone) return;
      gone = true;
      onExit();
      this.#ended(run, pid, why);
    };
    child.once("error", (error) => end(`cannot start: ${error.message}`));
    child.once("exit", (code, signal) =>
      end(code === null ? `killed by ${signal ?? "a signal"}` : `exited with code ${code}`),
    );
    if (pid === null) return;
    this.#pid = pid;
    this.#o.registry.add(pid, this.id, [file, ...args]);
    this.#o.onEvent({ kind: "started", instance: this.id, pid });
    void this.#probe(run.signal, spec.healthPath);
  }

  /** Stops the process: SIGTERM to its group, SIGKILL after `graceMs`. Resolves once it has exited. */
  async stop(graceMs = this.#o.stopGraceMs ?? STOP_GRACE_MS): Promise<void> {
    this.#stopping.abort();
    const pid = this.#pid;
    if (pid === null) {
      this.#setState("stopped");
      return;
    }
    const { clock } = this.#o;
    const deadline = clock.now() + graceMs;
    signalGroup(pid, "SIGTERM");
    const exitedOrLate = new AbortController();
    await Promise.race([this.#exited, clock.sleep(graceMs, exitedOrLate.signal)]);
    exitedOrLate.abort();
    // Members of the group (a shell's children) get the rest of the grace time, then SIGKILL.
    while (groupAlive(pid) && clock.now() < deadline) await clock.sleep(25);
    if (groupAlive(pid)) signalGroup(pid, "SIGKILL");
    await this.#exited;
  }

  /** Resolves when the instance reaches one of `states` (at once if it is in one now). */
  async until(states: readonly InstanceState[]): Promise<InstanceState> {
    while (!states.includes(this.#state)) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    return this.#state;
  }

  #ended(run: AbortController, pid: number | null, why: string): void {
    if (run !== this.#run) return;
    run.abort();
    this.#pid = null;
    if (pid !== null) this.#o.registry.remove(pid);
    if (this.#stopping.signal.aborted) {
      this.#o.log(this.id, "agent", `stopped (${why})`);
      this.#setState("stopped");
      return;
    }
    // What the crashed process left in its group goes with it.
    if (pid !== null) signalGroup(pid, "SIGKILL");
    const upMs = this.#o.clock.now() - this.#startedAt;
    const delayMs = (this.#delayMs = nextRestartDelayMs(this.#delayMs, upMs));
    this.#o.log(this.id, "agent", `${why}; restarting in ${delayMs} ms`);
    this.#setState("crashed");
    this.#o.onEvent({ kind: "crashed", instance: this.id, exit: why, restartInMs: delayMs });
    void this.#restartAfter(delayMs);
  }

  async #restartAfter(delayMs: number): Promise<void> {
    await this.#o.clock.sleep(delayMs, this.#stopping.signal);
    if (this.#stopping.signal.aborted) return;
    this.#restarts++;
    this.start();
  }

  async #probe(signal: AbortSignal, path: string): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      await this.#o.clock.sleep(this.#state === "starting" ? PROBE_STARTING_MS : PROBE_READY_MS, signal);
      if (signal.aborted) return;
      const ok = await probeHealth(this.port, path, signal);
      if (signal.aborted || this.#stopping.signal.aborted) return;
      if (ok) {
        failures = 0;
        this.#setState("ready");
      } else if (this.#state !== "starting" && ++failures >= FAILURES_UNHEALTHY) {
        this.#setState("unhealthy");
      }
    }
  }

  #setState(state: InstanceState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#o.onEvent({ kind: "state", instance: this.id, state });
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
