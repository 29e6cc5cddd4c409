/**
 * A target whose module is loaded the first time it is asked for anything: the kubernetes target
 * brings @kubernetes/client-node, about half of the server's code, which a server with no
 * kubernetes environment never needs (and every server start would otherwise parse and run). A
 * platform reload that adds a kubernetes environment loads it then. What is known without the
 * module (kind, capabilities, how traffic is split) is given when the stand-in is made.
 */
import type { Environment, Service } from "../config/types.js";
import type {
  AutoscalerStatus,
  CanaryGuard,
  EnvironmentPeek,
  LogLine,
  PreviewCheck,
  PreviewRoute,
  RevisionRequest,
  RevisionTraffic,
  RolloutProgress,
  ServiceStatus,
  Target,
  TargetCapabilities,
} from "./target.js";
import type { EnvironmentSplit } from "./traffic-split.js";

export interface LazyTargetParts {
  kind: string;
  capabilities: TargetCapabilities;
  /** The target's own `trafficSplit`, when it has one: it must not need the module. */
  trafficSplit?: (environment: Environment) => EnvironmentSplit;
  /** The target's own `rollsOut`, when it has one: it must not need the module. */
  rollsOut?: (environment: Environment, service: Service) => boolean;
  /** Loads the module and makes the target (once; again after a failed load). */
  load: () => Promise<Target>;
}

export class LazyTarget implements Target {
  readonly kind: string;
  readonly capabilities: TargetCapabilities;
  readonly trafficSplit?: (environment: Environment) => EnvironmentSplit;
  readonly rollsOut?: (environment: Environment, service: Service) => boolean;
  readonly #load: () => Promise<Target>;
  #loaded: Promise<Target> | undefined;

  constructor(parts: LazyTargetParts) {
    this.kind = parts.kind;
    this.capabilities = parts.capabilities;
    if (parts.trafficSplit) this.trafficSplit = parts.trafficSplit;
    if (parts.rollsOut) this.rollsOut = parts.rollsOut;
    this.#load = parts.load;
  }

  /** Whether the module has been asked for (tests: a server with no such environment never loads it). */
  get loaded(): boolean {
    return this.#loaded !== undefined;
  }

  #target(): Promise<Target> {
    if (this.#loaded === undefined) {
      const loading = this.#load();
      loading.catch(() => {
        if (this.#loaded === loading) this.#loaded = undefined;
      });
      this.#loaded = loading;
    }
    return this.#loaded;
  }

  async ensureRevision(request: RevisionRequest, signal: AbortSignal): Promise<void> {
    return (await this.#target()).ensureRevision(request, signal);
  }

  async removeRevision(environment: Environment, service: Service, revision: number): Promise<void> {
    return (await this.#target()).removeRevision(environment, service, revision);
  }

  async setWeights(environment: Environment, service: Service, weights: Record<number, number>): Promise<void> {
    return (await this.#target()).setWeights(environment, service, weights);
  }

  async rollBack(environment: Environment, service: Service, move: { from: number; to: number | null }): Promise<void> {
    return (await this.#target()).rollBack(environment, service, move);
  }

  async restart(environment: Environment, service: Service, revision: number, idempotencyKey: string): Promise<void> {
    return (await this.#target()).restart(environment, service, revision, idempotencyKey);
  }

  async status(environment: Environment, service: Service): Promise<ServiceStatus> {
    return (await this.#target()).status(environment, service);
  }

  async peek(environment: Environment): Promise<EnvironmentPeek> {
    return (await this.#target()).peek(environment);
  }

  async traffic(environment: Environment, service: Service): Promise<RevisionTraffic[]> {
    return (await this.#target()).traffic(environment, service);
  }

  async logs(
    environment: Environment,
    service: Service,
    query: { revision?: number | undefined; after?: number | undefined },
  ): Promise<LogLine[]> {
    return (await this.#target()).logs(environment, service, query);
  }

  async setPreview(environment: Environment, service: Service, preview: PreviewRoute | null): Promise<void> {
    return (await this.#target()).setPreview(environment, service, preview);
  }

  async probePreview(environment: Environment, service: Service, signal: AbortSignal): Promise<PreviewCheck> {
    return (await this.#target()).probePreview(environment, service, signal);
  }

  async setGuard(environment: Environment, service: Service, guard: CanaryGuard | null): Promise<void> {
    return (await this.#target()).setGuard(environment, service, guard);
  }

  /** Loads the module only when some environment is bound to this target. */
  async check(environments: Environment[]): Promise<string[]> {
    if (environments.length === 0) return [];
    const target = await this.#target();
    return target.check ? target.check(environments) : [];
  }

  async rollOut(request: RevisionRequest, signal: AbortSignal): Promise<void> {
    const target = await this.#target();
    if (!target.rollOut) throw new Error(`the ${this.kind} target rolls nothing out itself`);
    return target.rollOut(request, signal);
  }

  async rolloutProgress(environment: Environment, service: Service, revision: number): Promise<RolloutProgress> {
    const target = await this.#target();
    if (!target.rolloutProgress) throw new Error(`the ${this.kind} target rolls nothing out itself`);
    return target.rolloutProgress(environment, service, revision);
  }

  async autoscaler(environment: Environment, service: Service, revision: number): Promise<AutoscalerStatus | null> {
    const target = await this.#target();
    return target.autoscaler ? target.autoscaler(environment, service, revision) : null;
  }

  async address(environment: Environment): Promise<string | undefined> {
    return (await this.#target()).address(environment);
  }
}
