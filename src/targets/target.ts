import type { Environment, Service } from "../config/types.js";
import type { CanaryGuard, RevisionTraffic, ServiceStatus } from "../local/contract.js";

export type {
  CanaryGuard,
  GuardState,
  InstanceStatus,
  PreviewRoute,
  RevisionStatus,
  RevisionTraffic,
  ServiceStatus,
} from "../local/contract.js";

/** A revision as a target should run it. */
export interface RevisionRequest {
  environment: Environment;
  service: Service;
  revision: number;
  tag: string;
  replicas: number;
  /** Plain variables, and secrets resolved for the instances' environment only. */
  env: Record<string, string>;
  secretNames: string[];
  /** Stable across attempts: the same key never applies an effect twice. */
  idempotencyKey: string;
}

/**
 * Where an environment's revisions run. A target carries out what the engine decided and
 * reports what it sees; it never decides policy (gates, strategies, health verdicts and
 * rollbacks are the engine's). Every method is idempotent: desired state, or an explicit key.
 */
export interface Target {
  readonly kind: string;
  /** Makes a revision run `replicas` instances: new, resized, or started again. Returns once started, not once ready. */
  ensureRevision(request: RevisionRequest, signal: AbortSignal): Promise<void>;
  /** Stops a revision's instances. */
  removeRevision(environment: Environment, service: Service, revision: number): Promise<void>;
  /** Sends traffic to revisions by percent (adding up to 100), from the next request on. */
  setWeights(environment: Environment, service: Service, weights: Record<number, number>): Promise<void>;
  /** Replaces a revision's instances one at a time; a repeated key restarts nothing. */
  restart(environment: Environment, service: Service, revision: number, idempotencyKey: string): Promise<void>;
  /** What runs now: each revision's desired, ready and restarted instances, and the weights. */
  status(environment: Environment, service: Service): Promise<ServiceStatus>;
  /** Requests, errors and latency per revision, cumulative since the target began counting (a drop means it restarted). */
  traffic(environment: Environment, service: Service): Promise<RevisionTraffic[]>;
  /** Makes a revision reachable on the preview route (blue-green), mirroring a share of live reads to it; null removes the route. */
  setPreview(
    environment: Environment,
    service: Service,
    preview: { revision: number; mirrorPercent: number } | null,
  ): Promise<void>;
  /** Installs a data-plane canary guard (see CanaryGuard), replacing any other; null removes it. */
  setGuard(environment: Environment, service: Service, guard: CanaryGuard | null): Promise<void>;
  /** Where the environment's services answer (the local router; a cluster's ingress), for its tests; undefined when unknown. */
  address(environment: Environment): Promise<string | undefined>;
}

/** The target of each environment. */
export interface Targets {
  forEnvironment(environment: Environment): Target;
}
