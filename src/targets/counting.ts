import { appendFileSync, closeSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import type { Environment, Service } from "../config/types.js";
import { ConflictError, NotFoundError } from "../errors.js";
import type {
  CanaryGuard,
  EnvironmentPeek,
  GuardState,
  LogLine,
  PreviewCheck,
  PreviewRoute,
  RevisionRequest,
  RevisionTraffic,
  ServiceStatus,
  Target,
  TargetCapabilities,
} from "./target.js";
import { beforeWrite } from "./write-guard.js";

export interface CountedEffect {
  key: string;
  environment: string;
  service: string;
  revision: number;
  tag: string;
  replicas: number;
}

type StateLine = { environment: string; service: string } & (
  | { op: "weights"; weights: Record<number, number> }
  | { op: "remove"; revision: number }
  | { op: "preview"; preview: PreviewRoute | null }
  | { op: "guard"; guard: CanaryGuard | null; at: number }
  | { op: "verdict"; reasons: string[]; at: number }
);

/** A line of `${file}.calls`: every effect asked of the target, by which process, before any idempotency check. */
export interface CountedCall {
  pid: number;
  op: "ensure" | "remove" | "weights" | "restart" | "preview" | "guard";
  environment: string;
  service: string;
  /** The idempotency key of an ensure or a restart. */
  key?: string;
  at: number;
}

/** A line of the traffic file (`${file}.traffic`), as a test scripts a revision's counters. */
export type TrafficLine = RevisionTraffic & { environment: string; service: string };

/**
 * A TEST TARGET, not for real use: it runs nothing. Each revision it is asked to run is one line
 * in an effects file, synced to disk before it returns; a request whose idempotency key is already
 * there is not applied again. Crash tests read the file to prove no effect happened twice. Its
 * revisions are ready at once. Weights, previews and guards are lines of `${file}.state`; traffic
 * is what a test wrote in `${file}.traffic` (JSON lines of TrafficLine, the last per revision wins).
 * Every effect asked, applied or not, is a line of `${file}.calls` with the asking process's pid, so
 * tests of several servers can tell who asked what and when.
 */
export class CountingTarget implements Target {
  readonly kind = "counting";
  /** Its guard is one a test aborts (`abortGuard`), as a router's would. It keeps no output. */
  readonly capabilities: TargetCapabilities;
  readonly #file: string;
  readonly #delayMs: number;
  readonly #parsed = new Map<string, { size: number; mtimeMs: number; lines: unknown[] }>();

  /**
   * `delayMs` makes each effect take that long, half before it is written and half after, so crash tests can kill in between.
   * `rolloutPollMs` (when given) is how often a rolling rollout looks again: its revisions are ready at once, so a test that
   * deploys many times need not wait the default between looks.
   */
  constructor(file: string, delayMs = 0, rolloutPollMs?: number) {
    this.#file = file;
    this.#delayMs = delayMs;
    this.capabilities = {
      hasDataPlaneGuard: true,
      keepsLogs: false,
      countsTraffic: true,
      ...(rolloutPollMs === undefined ? {} : { rolloutPollMs }),
    };
  }

  effects(): CountedEffect[] {
    return this.#lines(this.#file) as CountedEffect[];
  }

  async ensureRevision(request: RevisionRequest): Promise<void> {
    const { environment, service, idempotencyKey: key } = request;
    this.#call({ op: "ensure", environment: environment.name, service: service.name, key });
    await pause(this.#delayMs / 2);
    if (!this.effects().some((e) => e.key === request.idempotencyKey)) {
      const effect: CountedEffect = {
        key: request.idempotencyKey,
        environment: request.environment.name,
        service: request.service.name,
        revision: request.revision,
        tag: request.tag,
        replicas: request.replicas,
      };
      beforeWrite();
      const fd = openSync(this.#file, "a");
      try {
        writeSync(fd, `${JSON.stringify(effect)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    await pause(this.#delayMs / 2);
  }

  removeRevision(environment: Environment, service: Service, revision: number): Promise<void> {
    this.#call({ op: "remove", environment: environment.name, service: service.name });
    this.#state({ op: "remove", environment: environment.name, service: service.name, revision });
    return Promise.resolve();
  }

  setWeights(environment: Environment, service: Service, weights: Record<number, number>): Promise<void> {
    this.#call({ op: "weights", environment: environment.name, service: service.name });
    this.#state({ op: "weights", environment: environment.name, service: service.name, weights });
    return Promise.resolve();
  }

  async rollBack(environment: Environment, service: Service, move: { from: number; to: number | null }): Promise<void> {
    if (move.to !== null) await this.setWeights(environment, service, { [move.to]: 100 });
    await this.removeRevision(environment, service, move.from);
  }

  restart(environment: Environment, service: Service, _revision: number, key: string): Promise<void> {
    this.#call({ op: "restart", environment: environment.name, service: service.name, key });
    return Promise.resolve();
  }

  /** Nothing runs, so there is no preview route to ask. */
  probePreview(environment: Environment): Promise<PreviewCheck> {
    return Promise.resolve({
      outcome: "skipped",
      reason: `${environment.name} runs on the counting target: nothing runs, so there is no preview to ask`,
    });
  }

  logs(environment: Environment): Promise<LogLine[]> {
    return Promise.reject(
      new ConflictError(`${environment.name} runs on the counting target, which keeps no instance output`, {
        details: { environment: environment.name, target: this.kind },
      }),
    );
  }

  /** Every service with an effect in the environment, as `status` reports it. */
  async peek(environment: Environment): Promise<EnvironmentPeek> {
    const names = new Set<string>();
    for (const e of this.effects()) if (e.environment === environment.name) names.add(e.service);
    const services = await Promise.all([...names].sort().map((name) => this.#statusOf(environment.name, name)));
    return { running: true, services, router: null };
  }

  setPreview(environment: Environment, service: Service, preview: PreviewRoute | null): Promise<void> {
    this.#call({ op: "preview", environment: environment.name, service: service.name });
    this.#state({
      op: "preview",
      environment: environment.name,
      service: service.name,
      preview: preview && { revision: preview.revision, mirrorPercent: preview.mirrorPercent },
    });
    return Promise.resolve();
  }

  setGuard(environment: Environment, service: Service, guard: CanaryGuard | null): Promise<void> {
    this.#call({ op: "guard", environment: environment.name, service: service.name });
    this.#state({ op: "guard", environment: environment.name, service: service.name, guard, at: Date.now() });
    return Promise.resolve();
  }

  /** Acts as a router's guard that judged its canary bad: all traffic to the stable revision, and the verdict recorded. */
  abortGuard(environment: string, service: string, reasons: string[]): void {
    const guard = this.#stateOf(environment, service).findLast((l) => l.op === "guard");
    if (guard?.op !== "guard" || !guard.guard)
      throw new NotFoundError(`counting target: no guard on ${service} in ${environment}`);
    this.#state({ op: "weights", environment, service, weights: { [guard.guard.stable]: 100 } });
    this.#state({ op: "verdict", environment, service, reasons, at: Date.now() });
  }

  /** Appends a revision's cumulative counters to the traffic file, as `traffic` will report them. */
  writeTraffic(line: TrafficLine): void {
    appendFileSync(`${this.#file}.traffic`, `${JSON.stringify(line)}\n`);
  }

  traffic(environment: Environment, service: Service): Promise<RevisionTraffic[]> {
    const latest = new Map<number, RevisionTraffic>();
    for (const l of this.#lines(`${this.#file}.traffic`) as TrafficLine[]) {
      if (l.environment !== environment.name || l.service !== service.name) continue;
      const { revision, requests, errors, latency } = l;
      latest.set(revision, { revision, requests, errors, latency });
    }
    return Promise.resolve([...latest.values()].sort((a, b) => a.revision - b.revision));
  }

  /** The environment's public address from the platform file, if any: nothing runs here. */
  address(environment: Environment): Promise<string | undefined> {
    return Promise.resolve(environment.url);
  }

  status(environment: Environment, service: Service): Promise<ServiceStatus> {
    return this.#statusOf(environment.name, service.name);
  }

  #statusOf(environment: string, service: string): Promise<ServiceStatus> {
    const state = this.#stateOf(environment, service);
    const removed = new Set(state.flatMap((l) => (l.op === "remove" ? [l.revision] : [])));
    const latest = new Map<number, CountedEffect>();
    for (const e of this.effects())
      if (e.environment === environment && e.service === service) latest.set(e.revision, e);
    const revisions = [...latest.values()]
      .filter((e) => !removed.has(e.revision))
      .map((e) => ({
        revision: e.revision,
        tag: e.tag,
        desired: e.replicas,
        ready: e.replicas,
        restarts: 0,
        instances: [],
      }));
    let weights: Record<number, number> = {};
    let preview: PreviewRoute | null = null;
    let guard: GuardState | null = null;
    for (const l of state) {
      if (l.op === "weights") weights = l.weights;
      else if (l.op === "preview") preview = l.preview;
      else if (l.op === "guard")
        guard = l.guard ? { canary: l.guard.canary, stable: l.guard.stable, since: l.at, verdict: null } : null;
      else if (l.op === "verdict" && guard !== null)
        guard.verdict = { decision: "abort", reasons: l.reasons, at: l.at };
    }
    return Promise.resolve({
      environment,
      service,
      revisions,
      weights: Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, v])),
      preview,
      guard,
    });
  }

  #stateOf(environment: string, service: string): StateLine[] {
    return (this.#lines(`${this.#file}.state`) as StateLine[]).filter(
      (l) => l.environment === environment && l.service === service,
    );
  }

  /** Every effect asked of this target, in `${file}.calls`. */
  calls(): CountedCall[] {
    return this.#lines(`${this.#file}.calls`) as CountedCall[];
  }

  /** An effect's first act; like every write here, only while the effect may still write. */
  #call(call: Omit<CountedCall, "pid" | "at">): void {
    beforeWrite();
    appendFileSync(`${this.#file}.calls`, `${JSON.stringify({ pid: process.pid, ...call, at: Date.now() })}\n`);
  }

  #state(line: StateLine): void {
    beforeWrite();
    appendFileSync(`${this.#file}.state`, `${JSON.stringify(line)}\n`);
  }

  /** A file's lines, parsed again only when its size or modification time moved (the files are only appended to). */
  #lines(file: string): unknown[] {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat === undefined) return [];
    const hit = this.#parsed.get(file);
    if (hit !== undefined && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) return hit.lines;
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return [];
    }
    const lines = text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as unknown);
    this.#parsed.set(file, { size: Buffer.byteLength(text), mtimeMs: stat.mtimeMs, lines });
    return lines;
  }
}

const pause = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
