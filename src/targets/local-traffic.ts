/**
 * A light synthetic user for the local target (`quikship server --local --traffic RATE`): every
 * second it looks at what each environment's router serves and sends GET /SERVICE/ to it, RATE
 * requests a second to a service whose traffic is split between revisions (a canary, a blue-green
 * preview) and one a second to any other, so a canary is judged on live requests without anyone
 * sending them by hand. It judges nothing: the router counts the answers like any others.
 */
import type { EnvironmentPeek } from "./target.js";
import type { ServiceStatus } from "./types.js";

/** Requests a second to a service with no split, so its figures stay live at little cost. */
const IDLE_RATE = 1;
/** At most this many requests in flight per generator: a hung service costs nothing more. */
const MAX_IN_FLIGHT = 64;
const REQUEST_TIMEOUT_MS = 5_000;

export interface TrafficTarget {
  environment: string;
  service: string;
  url: string;
  /** Requests a second. */
  rate: number;
}

function isSplit(status: ServiceStatus): boolean {
  const routed = Object.values(status.weights).filter((w) => w > 0).length;
  return routed > 1 || (status.preview !== undefined && status.preview !== null);
}

/** Where to send requests this second, and how many: pure over what the routers report. */
export function trafficTargets(peeks: readonly EnvironmentPeek[], rate: number): TrafficTarget[] {
  const targets: TrafficTarget[] = [];
  for (const peek of peeks) {
    if (!peek.running || peek.router === null) continue;
    for (const status of peek.services) {
      if (!Object.values(status.weights).some((w) => w > 0)) continue;
      targets.push({
        environment: status.environment,
        service: status.service,
        url: `${peek.router.url}/${encodeURIComponent(status.service)}/`,
        rate: isSplit(status) ? rate : Math.min(rate, IDLE_RATE),
      });
    }
  }
  return targets;
}

export interface TrafficGeneratorOptions {
  /** What each environment's router serves now (the local target's peek of each environment). */
  peek(): Promise<EnvironmentPeek[]>;
  /** Requests a second to a service whose traffic is split. */
  rate: number;
  /** Told once per failure to read the routers (not per request). */
  onError?(error: unknown): void;
}

/** Runs until stop(); requests are spread evenly over each second. */
export class TrafficGenerator {
  readonly #options: TrafficGeneratorOptions;
  readonly #timers = new Set<NodeJS.Timeout>();
  #tick: NodeJS.Timeout | undefined;
  #inFlight = 0;
  #stopped = false;

  constructor(options: TrafficGeneratorOptions) {
    this.#options = options;
  }

  start(): void {
    this.#tick = setInterval(() => void this.#second(), 1_000).unref();
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#tick);
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  async #second(): Promise<void> {
    let targets: TrafficTarget[];
    try {
      targets = trafficTargets(await this.#options.peek(), this.#options.rate);
    } catch (error) {
      this.#options.onError?.(error);
      return;
    }
    for (const target of targets) {
      for (let i = 0; i < target.rate; i++) {
        const timer = setTimeout(
          () => {
            this.#timers.delete(timer);
            this.#send(target.url);
          },
          Math.floor((i * 1_000) / target.rate),
        ).unref();
        this.#timers.add(timer);
      }
    }
  }

  #send(url: string): void {
    if (this.#stopped || this.#inFlight >= MAX_IN_FLIGHT) return;
    this.#inFlight++;
    fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), headers: { "user-agent": "quikship-traffic" } })
      .then((response) => response.body?.cancel())
      .catch(() => undefined)
      .finally(() => this.#inFlight--);
  }
}
