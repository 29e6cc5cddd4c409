import type { Platform } from "../../config/types.js";
import { QuikshipError } from "../../errors.js";
import type { ErrorOptions } from "../../errors.js";
import type { Clock } from "../clock.js";
import type { Json, RunCommand, RunRequest, WaitReason } from "../types.js";
import type { Db } from "../../store/database.js";
import type { Targets } from "../../targets/target.js";
import type { Images } from "../../registry/images.js";

export interface StepContext {
  runId: string;
  stepKey: string;
  /** 1 for the first execution of the step, counting re-executions after a wait or a retry. */
  attempt: number;
  /** Stable across attempts and servers: a target uses it to apply an effect at most once. */
  idempotencyKey: string;
  request: RunRequest;
  actor: string;
  /** What the step saved when it last waited; null the first time. */
  state: Json | null;
  platform: Platform;
  /** Every effect through these first checks that the run is still held (engine/fence.ts). */
  targets: Targets;
  /**
   * The same check, for an effect that does not go through a target (terraform apply): resolves
   * while the run is held; otherwise aborts the step and throws.
   */
  fence(): Promise<void>;
  /** The registries images are resolved at (offline: none). */
  images: Images;
  clock: Clock;
  /** Aborts when the run is cancelled, its lease is lost, or the server stops. */
  signal: AbortSignal;
  /** Appends a line to the run's log; secret values are masked. */
  log(line: string): Promise<void>;
  /** The output of an earlier step of the run that succeeded, or null. */
  outputOf(stepKey: string): Json | null;
  /** The store, for steps that record what they did (revisions). */
  db: Db;
  /** Commands people gave the run so far (promote-step, abort), oldest first, as read when the step began. */
  commands: readonly RunCommand[];
  locks: {
    acquire(environment: string, service: string): Promise<{ acquired: true } | { acquired: false; heldBy: string }>;
  };
}

/**
 * What a step run came to, as the engine stores it. `output` is public (the API and dashboard read
 * it): the step's result once done, or its progress while it waits. `state` is private: what the
 * step reads back as `ctx.state` when it runs again.
 */
export type StepResult =
  | { outcome: "done"; output?: Json }
  /** Park the run until `wakeAtMs` (null: until something wakes it), keeping `state` for next time. */
  | { outcome: "wait"; reason: WaitReason; wakeAtMs: number | null; state?: Json; output?: Json };

/**
 * The engine's view of a step kind: untyped JSON in and out. Built-in kinds are declared with
 * `defineStep` (contract.ts), which parses parameters and saved state with the kind's schemas
 * before its typed handler runs; tests may plant a bare handler.
 */
export interface StepHandler {
  readonly kind: string;
  run(ctx: StepContext, params: Json): Promise<StepResult>;
}

/** A step failure. Retryable ones are tried again with backoff, up to the step's retry policy. */
export class StepFailure extends QuikshipError {
  readonly nextRetryDelayMs: number | undefined;

  constructor(message: string, options: ErrorOptions & { nextRetryDelayMs?: number } = {}) {
    super("step-failed", message, options);
    this.nextRetryDelayMs = options.nextRetryDelayMs;
  }
}
