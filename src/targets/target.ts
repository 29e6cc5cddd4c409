import type { Environment, Service } from "../config/types.js";

/**
 * Where an environment's revisions run. A target carries out what the engine decided and
 * reports what it sees; it never decides policy (gates, strategies, rollbacks are the engine's).
 * Every effect takes an idempotency key: applying the same key twice changes nothing.
 */
export interface Target {
  readonly kind: string;
  /** Runs `tag` of a service in an environment. */
  apply(request: { environment: Environment; service: Service; tag: string; idempotencyKey: string }, signal: AbortSignal): Promise<{ revision: number }>;
  /** What runs now; undefined when the service was never deployed there. */
  current(environment: Environment, service: Service): Promise<{ tag: string; revision: number } | undefined>;
}

/** The target of each environment. */
export interface Targets {
  forEnvironment(environment: Environment): Target;
}
