import type { Environment, Service } from "../config/types.js";
import type {
  AutoscalerStatus,
  CanaryGuard,
  LogLine,
  PreviewCheck,
  PreviewRoute,
  RevisionTraffic,
  RolloutProgress,
  RouterStatus,
  SecretReference,
  ServiceStatus,
} from "./types.js";
import type { EnvironmentSplit } from "./traffic-split.js";

export type * from "./types.js";

/** A revision as a target should run it. */
export interface RevisionRequest {
  environment: Environment;
  service: Service;
  revision: number;
  tag: string;
  /** The image digest to run (`image@sha256:...`); absent or null: the tag (registry: none). */
  digest?: string | null;
  replicas: number;
  /** Plain variables only: never a secret's value. */
  env: Record<string, string>;
  /** Secrets by reference, resolved only where the target hands them to a running process. */
  secrets: SecretReference[];
  /** Stable across attempts: the same key never applies an effect twice. */
  idempotencyKey: string;
}

/** What a target can do beyond the calls every target answers. */
export interface TargetCapabilities {
  /** Carries out a canary guard in the data plane (`setGuard`): it aborts to stable between the engine's polls. */
  hasDataPlaneGuard: boolean;
  /** Keeps its instances' output, so `logs` answers. */
  keepsLogs: boolean;
  /**
   * Counts each revision's requests, errors and latency itself (a router in the data plane), so
   * `traffic` answers them. One that does not (a cluster, whose gateway is scraped by Prometheus)
   * answers `traffic` with none, and the traffic view reads the analysis provider instead.
   */
  countsTraffic: boolean;
  /** How long a rolling rollout waits between looks at its status (default 250 ms). */
  rolloutPollMs?: number;
}

/**
 * What runs in an environment, read without starting anything: every service the target knows
 * there, and its entry point (a router), or why nothing can be read (nothing runs yet).
 */
export type EnvironmentPeek =
  { running: true; services: ServiceStatus[]; router: RouterStatus | null } | { running: false; message: string };

/**
 * Where an environment's revisions run. A target carries out what the engine decided and
 * reports what it sees; it never decides policy (gates, strategies, health verdicts and
 * rollbacks are the engine's). Every method is idempotent: desired state, or an explicit key.
 * Every target passes the contract suite (`test/targets/contract.ts`).
 */
export interface Target {
  readonly kind: string;
  readonly capabilities: TargetCapabilities;
  /** Makes a revision run `replicas` instances: new, resized, or started again. Returns once started, not once ready. */
  ensureRevision(request: RevisionRequest, signal: AbortSignal): Promise<void>;
  /** Stops a revision's instances. */
  removeRevision(environment: Environment, service: Service, revision: number): Promise<void>;
  /** Sends traffic to revisions by percent (adding up to 100), from the next request on. */
  setWeights(environment: Environment, service: Service, weights: Record<number, number>): Promise<void>;
  /**
   * Puts a service back on revision `to` (null: none ran before) and removes revision `from`: the
   * local target moves traffic; a manifest-based target re-applies what it applied for `to`.
   */
  rollBack(environment: Environment, service: Service, move: { from: number; to: number | null }): Promise<void>;
  /** Replaces a revision's instances one at a time; a repeated key restarts nothing. */
  restart(environment: Environment, service: Service, revision: number, idempotencyKey: string): Promise<void>;
  /** What runs now: each revision's desired, ready and restarted instances, and the weights. */
  status(environment: Environment, service: Service): Promise<ServiceStatus>;
  /** What runs for every service of an environment, read only: it never starts anything (the status matrix). */
  peek(environment: Environment): Promise<EnvironmentPeek>;
  /**
   * Requests, errors and latency per revision, cumulative since the target began counting (a drop
   * means it restarted). Read only: where nothing runs, nothing was served, and the answer is empty.
   * Always empty where the target does not `countsTraffic`.
   */
  traffic(environment: Environment, service: Service): Promise<RevisionTraffic[]>;
  /**
   * Output lines of a service's instances (of one revision when given) numbered above `after`, oldest
   * first. Read only. Only a target that `keepsLogs`; an unavailable error when nothing runs.
   */
  logs(
    environment: Environment,
    service: Service,
    query: { revision?: number | undefined; after?: number | undefined },
  ): Promise<LogLine[]>;
  /** Makes a revision reachable on the preview route (blue-green), mirroring a share of live reads to it; null removes the route. */
  setPreview(environment: Environment, service: Service, preview: PreviewRoute | null): Promise<void>;
  /**
   * A request for the service's health path through the preview route, before a blue-green switch:
   * passed, failed (what went wrong), or skipped where the target has no preview route it can ask (why).
   */
  probePreview(environment: Environment, service: Service, signal: AbortSignal): Promise<PreviewCheck>;
  /** Installs a data-plane canary guard (see CanaryGuard), replacing any other; null removes it. */
  setGuard(environment: Environment, service: Service, guard: CanaryGuard | null): Promise<void>;
  /**
   * Checks, when the server starts, what the environments bound to this target need (a cluster
   * context): throws an InputError naming the environment for what can never work, and resolves
   * with a warning per environment that may work later (an API server that does not answer now).
   */
  check?(environments: Environment[]): Promise<string[]>;
  /**
   * How revisions share the traffic in `environment` (src/targets/traffic-split.ts): by the weights
   * of `setWeights` (absent: always), or by replica ratio, where the weights become replica counts.
   */
  trafficSplit?(environment: Environment): EnvironmentSplit;
  /**
   * The autoscaler that owns `revision`'s replicas, if any: then `ensureRevision` sets its minimum
   * to the replicas asked (the autoscaler sizes the revision within its bounds) rather than the replicas.
   */
  autoscaler?(environment: Environment, service: Service, revision: number): Promise<AutoscalerStatus | null>;
  /**
   * Whether the target rolls `service` out in `environment` itself (a Kubernetes Deployment's
   * RollingUpdate): then the engine's rolling rollout applies the revision once with `rollOut` and
   * waits on `rolloutProgress`, instead of growing and shrinking revisions with `ensureRevision`
   * and `setWeights`. Absent or false: the engine drives the rolling update.
   */
  rollsOut?(environment: Environment, service: Service): boolean;
  /**
   * Makes `request.revision` replace what runs, `request.replicas` of it, rolled by the target's
   * own machinery within the environment's maxSurge/maxUnavailable; returns once applied. A
   * repeated request changes nothing. Only where `rollsOut` says so.
   */
  rollOut?(request: RevisionRequest, signal: AbortSignal): Promise<void>;
  /** How the rollout `rollOut` began for `revision` stands, read without asking the cluster again while it is watched. */
  rolloutProgress?(environment: Environment, service: Service, revision: number): Promise<RolloutProgress>;
  /** Where the environment's services answer (the local router; a cluster's ingress), for its tests; undefined when unknown. */
  address(environment: Environment): Promise<string | undefined>;
}

/** The target of each environment. */
export interface Targets {
  forEnvironment(environment: Environment): Target;
}
