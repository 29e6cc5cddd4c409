import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import type { Environment, Service } from "../config/types.js";
import type { Target } from "./target.js";

export interface CountedEffect {
  key: string;
  environment: string;
  service: string;
  tag: string;
  revision: number;
}

/**
 * A TEST TARGET, not for real use: it changes nothing but a file, appending one line per effect
 * and synced to disk before it returns. An effect whose idempotency key is already in the file is
 * not applied again. Crash tests read the file to prove no step's effect happened twice.
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
    let text = "";
    try {
      text = readFileSync(this.#file, "utf8");
    } catch {
      return [];
    }
    return text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as CountedEffect);
  }

  async apply(request: { environment: Environment; service: Service; tag: string; idempotencyKey: string }): Promise<{ revision: number }> {
    await pause(this.#delayMs / 2);
    const revision = this.#record(request);
    await pause(this.#delayMs / 2);
    return { revision };
  }

  #record(request: { environment: Environment; service: Service; tag: string; idempotencyKey: string }): number {
    const effects = this.effects();
    const done = effects.find((e) => e.key === request.idempotencyKey);
    if (done) return done.revision;
    const revision = effects.filter((e) => e.environment === request.environment.name && e.service === request.service.name).length + 1;
    const effect: CountedEffect = { key: request.idempotencyKey, environment: request.environment.name, service: request.service.name, tag: request.tag, revision };
    const fd = openSync(this.#file, "a");
    try {
      writeSync(fd, `${JSON.stringify(effect)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return revision;
  }

  current(environment: Environment, service: Service): Promise<{ tag: string; revision: number } | undefined> {
    const last = this.effects().filter((e) => e.environment === environment.name && e.service === service.name).pop();
    return Promise.resolve(last ? { tag: last.tag, revision: last.revision } : undefined);
  }
}

const pause = (ms: number): Promise<void> => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
