/**
 * FakeTarget: an in-memory stand-in for a Target, for API tests. It runs nothing: a revision it
 * is asked to run is ready at once, unless a test says otherwise with `setReady`; `fail` makes
 * its status calls fail, as a target that cannot answer. Traffic is what a test gives `setTraffic`.
 */
import type { Environment, Service } from "../../src/config/types.js";
import type {
  CanaryGuard,
  EnvironmentPeek,
  GuardState,
  LogLine,
  PreviewCheck,
  PreviewRoute,
  RevisionRequest,
  RevisionStatus,
  RevisionTraffic,
  ServiceStatus,
  Target,
  TargetCapabilities,
  Targets,
} from "../../src/targets/target.js";

interface Running {
  revisions: Map<number, RevisionStatus>;
  weights: Record<string, number>;
  preview: PreviewRoute | null;
  guard: GuardState | null;
  traffic: Map<number, RevisionTraffic>;
}

export class FakeTarget implements Target {
  readonly kind: string;
  readonly capabilities: TargetCapabilities = { hasDataPlaneGuard: true, keepsLogs: false, countsTraffic: true };
  readonly #running = new Map<string, Running>();
  /** When set, every status call rejects with it. */
  failure: Error | undefined;

  constructor(kind = "fake") {
    this.kind = kind;
  }

  ensureRevision(request: RevisionRequest): Promise<void> {
    const running = this.#of(request.environment.name, request.service.name);
    const { revision, tag, replicas } = request;
    running.revisions.set(revision, { revision, tag, desired: replicas, ready: replicas, restarts: 0, instances: [] });
    return Promise.resolve();
  }

  removeRevision(environment: Environment, service: Service, revision: number): Promise<void> {
    this.#of(environment.name, service.name).revisions.delete(revision);
    return Promise.resolve();
  }

  setWeights(environment: Environment, service: Service, weights: Record<number, number>): Promise<void> {
    this.#of(environment.name, service.name).weights = Object.fromEntries(
      Object.entries(weights).map(([k, v]) => [k, v]),
    );
    return Promise.resolve();
  }

  async rollBack(environment: Environment, service: Service, move: { from: number; to: number | null }): Promise<void> {
    if (move.to !== null) await this.setWeights(environment, service, { [move.to]: 100 });
    await this.removeRevision(environment, service, move.from);
  }

  restart(): Promise<void> {
    return Promise.resolve();
  }

  /** Every service a test or the engine ran in the environment, as `status` reports it. */
  peek(environment: Environment): Promise<EnvironmentPeek> {
    if (this.failure) return Promise.reject(this.failure);
    const names = [...this.#running.keys()]
      .filter((key) => key.startsWith(`${environment.name}/`))
      .map((key) => key.slice(environment.name.length + 1));
    return Promise.resolve({
      running: true,
      services: names.map((name) => this.#statusOf(environment.name, name)),
      router: null,
    });
  }

  logs(environment: Environment): Promise<LogLine[]> {
    return Promise.reject(new Error(`the fake target keeps no output (${environment.name})`));
  }

  probePreview(): Promise<PreviewCheck> {
    return Promise.resolve({ outcome: "passed" });
  }

  address(environment: Environment): Promise<string | undefined> {
    return Promise.resolve(environment.url);
  }

  status(environment: Environment, service: Service): Promise<ServiceStatus> {
    if (this.failure) return Promise.reject(this.failure);
    return Promise.resolve(this.#statusOf(environment.name, service.name));
  }

  #statusOf(environment: string, service: string): ServiceStatus {
    const running = this.#of(environment, service);
    return {
      environment,
      service,
      revisions: [...running.revisions.values()].map((r) => ({ ...r })),
      weights: { ...running.weights },
      preview: running.preview && { ...running.preview },
      guard: running.guard && { ...running.guard },
    };
  }

  traffic(environment: Environment, service: Service): Promise<RevisionTraffic[]> {
    if (this.failure) return Promise.reject(this.failure);
    return Promise.resolve(
      [...this.#of(environment.name, service.name).traffic.values()].sort((a, b) => a.revision - b.revision),
    );
  }

  setPreview(environment: Environment, service: Service, preview: PreviewRoute | null): Promise<void> {
    this.#of(environment.name, service.name).preview = preview && {
      revision: preview.revision,
      mirrorPercent: preview.mirrorPercent,
    };
    return Promise.resolve();
  }

  setGuard(environment: Environment, service: Service, guard: CanaryGuard | null): Promise<void> {
    this.#of(environment.name, service.name).guard = guard && {
      canary: guard.canary,
      stable: guard.stable,
      since: Date.now(),
      verdict: null,
    };
    return Promise.resolve();
  }

  /** Runs a revision as a test describes it: `ready` of `desired` instances, with restarts. */
  run(
    environment: string,
    service: string,
    r: { revision: number; tag: string; desired: number; ready: number; restarts?: number },
    weight = 100,
  ): void {
    const running = this.#of(environment, service);
    running.revisions.set(r.revision, { ...r, restarts: r.restarts ?? 0, instances: [] });
    running.weights = { ...running.weights, [r.revision]: weight };
  }

  /** Replaces the guard's state, as a router that judged by itself would (a verdict). */
  setGuardState(environment: string, service: string, guard: GuardState | null): void {
    this.#of(environment, service).guard = guard;
  }

  /** Sets a revision's cumulative counters, as `traffic` will report them. */
  setTraffic(environment: string, service: string, traffic: RevisionTraffic): void {
    this.#of(environment, service).traffic.set(traffic.revision, traffic);
  }

  #of(environment: string, service: string): Running {
    const key = `${environment}/${service}`;
    let running = this.#running.get(key);
    if (!running)
      this.#running.set(
        key,
        (running = { revisions: new Map(), weights: {}, preview: null, guard: null, traffic: new Map() }),
      );
    return running;
  }
}

/** Each environment on the target named for it, else on `fallback`. */
export function fakeTargets(byEnvironment: Record<string, Target>, fallback: Target = new FakeTarget()): Targets {
  return { forEnvironment: (environment) => byEnvironment[environment.name] ?? fallback };
}
