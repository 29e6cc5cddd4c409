import { appendFileSync, closeSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import type { Environment, Service } from "../config/types.js";
import type { RevisionRequest, ServiceStatus, Target } from "./target.js";

export interface CountedEffect {
  key: string;
  environment: string;
  service: string;
  revision: number;
  tag: string;
  replicas: number;
}

interface StateLine {
  op: "weights" | "remove";
  environment: string;
  service: string;
  revision?: number;
  weights?: Record<number, number>;
}

/**
 * A TEST TARGET, not for real use: it runs nothing. Each revision it is asked to run is one line
 * in an effects file, synced to disk before it returns; a request whose idempotency key is already
 * there is not applied again. Crash tests read the file to prove no effect happened twice. Its
 * revisions are ready at once.
 */
export class CountingTarget implements Target {
  readonly kind = "counting";
  readonly #file: string;
  readonly #delayMs: number;

  /** `delayMs` makes each effect take that long, half before it is written and half after, so crash tests can kill in between. */
  constructor(file: string, delayMs = 0) {
    this.#file = file;
    this.#delayMs = delayMs;
  }

  effects(): CountedEffect[] {
    return this.#lines(this.#file) as CountedEffect[];
  }

  async ensureRevision(request: RevisionRequest): Promise<void> {
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
    this.#state({ op: "remove", environment: environment.name, service: service.name, revision });
    return Promise.resolve();
  }

  setWeights(environment: Environment, service: Service, weights: Record<number, number>): Promise<void> {
    this.#state({ op: "weights", environment: environment.name, service: service.name, weights });
    return Promise.resolve();
  }

  restart(): Promise<void> {
    return Promise.resolve();
  }

  /** The environment's public address from the platform file, if any: nothing runs here. */
  address(environment: Environment): Promise<string | undefined> {
    return Promise.resolve(environment.url);
  }

  status(environment: Environment, service: Service): Promise<ServiceStatus> {
    const mine = <T extends { environment: string; service: string }>(l: T): boolean => l.environment === environment.name && l.service === service.name;
    const state = (this.#lines(`${this.#file}.state`) as StateLine[]).filter(mine);
    const removed = new Set(state.filter((l) => l.op === "remove").map((l) => l.revision));
    const latest = new Map<number, CountedEffect>();
    for (const e of this.effects().filter(mine)) latest.set(e.revision, e);
    const revisions = [...latest.values()]
      .filter((e) => !removed.has(e.revision))
      .map((e) => ({ revision: e.revision, tag: e.tag, desired: e.replicas, ready: e.replicas, restarts: 0, instances: [] }));
    const weights = state.filter((l) => l.op === "weights").pop()?.weights ?? {};
    return Promise.resolve({ environment: environment.name, service: service.name, revisions, weights: Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, v])) });
  }

  #state(line: StateLine): void {
    appendFileSync(`${this.#file}.state`, `${JSON.stringify(line)}\n`);
  }

  #lines(file: string): unknown[] {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return [];
    }
    return text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as unknown);
  }
}

const pause = (ms: number): Promise<void> => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
