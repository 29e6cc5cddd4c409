import { randomBytes } from "node:crypto";
import type { Platform } from "../config/types.js";
import type { Db } from "../store/database.js";
import { platformTargets } from "../targets/registry.js";
import type { Targets } from "../targets/target.js";
import { OFFLINE_IMAGES } from "../registry/images.js";
import type { Images } from "../registry/images.js";
import { pinStep } from "./steps/pin.js";
import { securityStep } from "./steps/security.js";
import type { EngineApi, EngineObserver } from "./api.js";
import { recheckUnstartedRuns } from "./recheck.js";
import type { Clock } from "./clock.js";
import type { ExecutorDeps } from "./execute.js";
import { EngineService } from "./service.js";
import { lockStep, noopStep, timerStep } from "./steps/basic.js";
import type { StepHandler } from "./steps/handler.js";
import { approvalStep, sourceCheckStep, windowStep } from "./steps/gates.js";
import { restartStep, scaleStep } from "./steps/operate.js";
import { releaseStatusStep, releaseStep } from "./steps/release.js";
import { revisionStep } from "./steps/revision.js";
import { rolloutStep } from "./steps/rollout.js";
import { scriptStep } from "./steps/script.js";
import { testStep } from "./steps/test.js";
import { trainRollbackStep } from "./steps/train-rollback.js";
import { Worker } from "./worker.js";
import { infraStep } from "./steps/infra.js";
import { infraApprovalStep } from "./steps/infra-approval.js";
import type { InfraSettings } from "../infra/workspace.js";
import { Promoter } from "./promoter.js";
import { DriftScheduler } from "./drift-schedule.js";
import { expireStandbyStep } from "./steps/expire-standby.js";
import { submitStandbyExpiries } from "./standby.js";
import { PruneScheduler } from "./prune-schedule.js";
import { registryPruneStep } from "./steps/registry-prune.js";

export type { EngineApi, EngineObserver, RunFilter } from "./api.js";

/**
 * How long a claim of a run lasts unless renewed (every third of it). A server killed or cut off
 * loses its runs within this, and another takes them up at its next look (at most `pollMs`):
 * ≤ 4 s in all with the defaults. A server stopped with SIGTERM hands them back at once.
 */
export const DEFAULT_LEASE_MS = 3000;
/** The longest sleep of the worker loop between looks for ready runs. */
export const DEFAULT_POLL_MS = 1000;

export interface EngineOptions {
  db: Db;
  platform: Platform | (() => Platform);
  clock: Clock;
  observer?: EngineObserver;
  logger?: { error(object: unknown, message: string): void };
  targets?: Targets;
  /** Registries tags are resolved at; without it every environment is offline (registry: none). */
  images?: Images;
  /** Where and how infra runs drive terraform; without it, infra steps fail saying so. */
  infra?: InfraSettings;
  /** Extra or replacement step handlers. */
  handlers?: StepHandler[];
  /** This server's id in leases; random by default. */
  owner?: string;
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
}

export interface Engine {
  api: EngineApi;
  worker: Worker;
  /** Automatic and scheduled promotion; the worker looks every second, tests call tick(). */
  promoter: Promoter;
  /** Scheduled drift checks of the platform's terraform environments; the worker looks every second. */
  drift: DriftScheduler;
  /** Scheduled registry pruning (registry.retention.schedule); the worker looks every second. */
  prune: PruneScheduler;
  /**
   * Every scheduled occurrence due now submitted once as a run (promotions, drift checks, registry
   * prunes, standby expiries); the worker calls it every second, tests with a manual clock call it themselves.
   */
  timers(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
  /** After a reload to `version`: fails the unstarted runs whose submitter it no longer allows; their ids. */
  recheck(version: number): Promise<string[]>;
}

export const BUILTIN_STEPS: readonly StepHandler[] = [
  noopStep,
  timerStep,
  lockStep,
  revisionStep,
  rolloutStep,
  restartStep,
  scaleStep,
  scriptStep,
  testStep,
  windowStep,
  approvalStep,
  sourceCheckStep,
  pinStep,
  securityStep,
  releaseStep,
  releaseStatusStep,
  trainRollbackStep,
  expireStandbyStep,
  registryPruneStep,
];

export function createEngine(options: EngineOptions): Engine {
  const platform = typeof options.platform === "function" ? options.platform : () => options.platform as Platform;
  const infra = [infraStep(options.infra), infraApprovalStep];
  const handlers = new Map([...BUILTIN_STEPS, ...infra, ...(options.handlers ?? [])].map((h) => [h.kind, h]));
  const ready = (): void => worker.poke();
  const owner = options.owner ?? `server-${randomBytes(4).toString("hex")}`;
  const service = new EngineService({ db: options.db, platform, clock: options.clock, owner, ready });
  const deps: ExecutorDeps = {
    db: options.db,
    platform,
    targets: options.targets ?? platformTargets({}),
    images: options.images ?? OFFLINE_IMAGES,
    clock: options.clock,
    handlers,
    owner,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    observer: options.observer ?? {},
    changed: (runId) => service.changed(runId),
    ready,
    onError: (runId, error) => options.logger?.error({ runId, err: error }, "run execution failed outside a step"),
  };
  const promoter = new Promoter({
    db: options.db,
    platform,
    clock: options.clock,
    service,
    onError: (what, error) => deps.onError(what, error),
  });
  const drift = new DriftScheduler({
    platform,
    clock: options.clock,
    service,
    onError: (what, error) => deps.onError(what, error),
  });
  const prune = new PruneScheduler({
    // A server that asks no registry (`--local`, test targets) has nothing to prune.
    enabled: deps.images !== OFFLINE_IMAGES,
    platform,
    clock: options.clock,
    service,
    onError: (what, error) => deps.onError(what, error),
  });
  const standbys = {
    db: options.db,
    platform,
    clock: options.clock,
    service,
    onError: (what: string, error: unknown) => deps.onError(what, error),
  };
  const timers = async (): Promise<void> => {
    await promoter.tick();
    await drift.tick();
    await prune.tick();
    await submitStandbyExpiries(standbys);
  };
  const worker: Worker = new Worker(deps, {
    concurrency: options.concurrency ?? 16,
    pollMs: options.pollMs ?? DEFAULT_POLL_MS,
    timers,
  });
  return {
    api: service,
    worker,
    promoter,
    drift,
    prune,
    timers,
    start: () => worker.start(),
    stop: async () => {
      await worker.stop();
      service.close();
    },
    recheck: async (version) => {
      const now = options.clock.now();
      const failed = await recheckUnstartedRuns({ db: options.db, platform: platform(), now, version });
      for (const id of failed) service.changed(id);
      if (failed.length > 0) ready();
      return failed;
    },
  };
}
