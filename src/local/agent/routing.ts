import { ConflictError } from "../../errors.js";
import type { CanaryGuard, GuardState, PreviewRoute, RevisionTraffic, RouterStatus } from "../contract.js";

/** What the agent needs of a router (src/local/router): one per environment. */
export interface Backend {
  revision: number;
  weight: number;
  targets: { id: string; url: string }[];
}

export interface Router {
  readonly port: number;
  readonly url: string;
  setRoutes(service: string, backends: Backend[]): void;
  removeService(service: string): void;
  setPreview(service: string, preview: PreviewRoute | null): void;
  setGuard(service: string, guard: CanaryGuard | null): void;
  guardState(service: string): GuardState | null;
  traffic(service: string): RevisionTraffic[];
  prometheus(): string;
  close(): Promise<void>;
}

export type RouterFactory = (options: {
  environment: string;
  port?: number;
  host?: string;
  /** The router's canary guard of a service aborted and sent all its traffic to the stable revision. */
  onGuardAbort?: (service: string, state: GuardState) => void;
}) => Router | Promise<Router>;

export type GuardAbortHandler = (environment: string, service: string, state: GuardState) => void;

/**
 * The routers of the agent, one per environment, and what each was last told per service, so a
 * router hears only of real changes to its targets or weights.
 */
export class Routers {
  readonly #create: RouterFactory;
  readonly #starting = new Map<string, Promise<Router>>();
  readonly #ready = new Map<string, Router>();
  readonly #told = new Map<string, string>();
  readonly #onGuardAbort: GuardAbortHandler;

  constructor(create: RouterFactory, onGuardAbort: GuardAbortHandler = () => {}) {
    this.#create = create;
    this.#onGuardAbort = onGuardAbort;
  }

  /** Starts the environment's router unless it runs; asking for another port than it has is a conflict. */
  async ensure(environment: string, port?: number): Promise<RouterStatus> {
    let starting = this.#starting.get(environment);
    if (!starting) {
      const onGuardAbort = (service: string, state: GuardState): void =>
        this.#onGuardAbort(environment, service, state);
      starting = Promise.resolve(this.#create({ environment, port, host: "127.0.0.1", onGuardAbort })).catch(
        (error: unknown) => {
          if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
          throw new ConflictError(`the router of ${environment} cannot listen on port ${port}: it is in use`, {
            cause: error,
          });
        },
      );
      this.#starting.set(environment, starting);
      starting.then(
        (router) => this.#ready.set(environment, router),
        () => this.#starting.delete(environment),
      );
    }
    const router = await starting;
    this.#ready.set(environment, router);
    if (port !== undefined && port !== 0 && port !== router.port) {
      throw new ConflictError(`the router of ${environment} already listens on port ${router.port}, not ${port}`);
    }
    return { environment, port: router.port, url: router.url };
  }

  get(environment: string): Router | undefined {
    return this.#ready.get(environment);
  }

  list(): RouterStatus[] {
    return [...this.#ready.entries()].map(([environment, r]) => ({ environment, port: r.port, url: r.url }));
  }

  /** Tells the router of `environment` the backends of a service, if they changed; none removes the service. */
  tell(environment: string, service: string, backends: Backend[]): void {
    const router = this.#ready.get(environment);
    if (!router) return;
    const key = `${environment}/${service}`;
    const told = backends.length === 0 ? "" : JSON.stringify(backends);
    if (this.#told.get(key) === told) return;
    if (told === "") router.removeService(service);
    else router.setRoutes(service, backends);
    this.#told.set(key, told);
  }

  async close(): Promise<void> {
    const routers = await Promise.allSettled([...this.#starting.values()]);
    this.#starting.clear();
    this.#ready.clear();
    await Promise.all(routers.flatMap((r) => (r.status === "fulfilled" ? [r.value.close()] : [])));
  }
}
