import { SYSTEM_ACTOR } from "../audit/index.js";
import type { Platform } from "../config/types.js";
import type { Clock } from "./clock.js";
import { latestDue, nextCronMs } from "./schedule.js";
import type { EngineService } from "./service.js";

export interface PruneSchedulerDeps {
  /** False on a server that asks no registry: it submits nothing. */
  enabled: boolean;
  platform: () => Platform;
  clock: Clock;
  service: EngineService;
  onError(what: string, error: unknown): void;
}

/** The next scheduled prune after `afterMs`; null without `registry.retention.schedule`. */
export function nextPruneMs(platform: Platform, afterMs: number): number | null {
  const schedule = platform.registry?.retention.schedule;
  if (!schedule) return null;
  return nextCronMs(schedule.cron, schedule.timezone, afterMs);
}

/** The key of one time of the prune schedule. */
export function pruneKey(atMs: number): string {
  return `registry-prune/${new Date(atMs).toISOString()}`;
}

/**
 * Scheduled registry pruning (`registry.retention.schedule`), looked at on the worker's timer: at
 * each time of the cron, one `registry-prune` run of every repository of the platform's registry,
 * started by quikship, whose id is made from the time, so two servers or a restart never start
 * one twice. The run is listed under the ladder's last environment (the registry serves them all).
 */
export class PruneScheduler {
  readonly #deps: PruneSchedulerDeps;
  /** The last time looked at; the first look starts from now. */
  #since: number | undefined;

  constructor(deps: PruneSchedulerDeps) {
    this.#deps = deps;
  }

  async tick(): Promise<void> {
    const platform = this.#deps.platform();
    const now = this.#deps.clock.now();
    const { slot, since } = latestDue((after) => nextPruneMs(platform, after), this.#since ?? now, now);
    this.#since = since;
    const environment = platform.ladder.at(-1);
    if (slot === null || environment === undefined || !this.#deps.enabled) return;
    const key = pruneKey(slot);
    try {
      const request = { kind: "registry-prune" as const, environment, services: [], params: {} };
      await this.#deps.service.submitOnce(request, SYSTEM_ACTOR, key, slot, {
        trigger: `registry.retention schedule (the time of ${new Date(slot).toISOString()})`,
        details: { triggerKey: key },
      });
    } catch (error) {
      this.#deps.onError("(scheduled registry prune)", error);
    }
  }
}
