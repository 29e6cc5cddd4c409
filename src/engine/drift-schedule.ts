import { SYSTEM_ACTOR } from "../audit/index.js";
import type { Platform } from "../config/types.js";
import { terraformEntry } from "../platform/terraform.js";
import type { Clock } from "./clock.js";
import { latestDue, nextCronMs } from "./schedule.js";
import type { EngineService } from "./service.js";

export interface DriftSchedulerDeps {
  platform: () => Platform;
  clock: Clock;
  service: EngineService;
  onError(what: string, error: unknown): void;
}

/** The next drift check of an environment after `afterMs`, in its time zone; null without a schedule. */
export function nextDriftCheckMs(platform: Platform, environment: string, afterMs: number): number | null {
  const env = platform.environments[environment];
  const cron = env ? terraformEntry(platform, env)?.driftSchedule : undefined;
  if (!env || !cron) return null;
  return nextCronMs(cron, env.windows?.timezone ?? "UTC", afterMs);
}

/**
 * Scheduled drift checks (`terraform.environments.ENV.driftSchedule`), looked at on the worker's
 * timer: at each time of the cron, an `infra drift` run, started by quikship, whose id is made from
 * the environment and the time, so two servers or a restart never start one twice.
 */
export class DriftScheduler {
  readonly #deps: DriftSchedulerDeps;
  /** Per environment, the last slot looked at; the first look starts from now. */
  readonly #since = new Map<string, number>();

  constructor(deps: DriftSchedulerDeps) {
    this.#deps = deps;
  }

  async tick(): Promise<void> {
    const platform = this.#deps.platform();
    if (!platform.terraform) return;
    const now = this.#deps.clock.now();
    for (const name of platform.ladder) {
      try {
        const due = (after: number) => nextDriftCheckMs(platform, name, after);
        const { slot, since } = latestDue(due, this.#since.get(name) ?? now, now);
        this.#since.set(name, since);
        if (slot === null) continue;
        const at = new Date(slot).toISOString();
        const request = { kind: "infra" as const, environment: name, params: { action: "drift" as const } };
        await this.#deps.service.submitOnce(request, SYSTEM_ACTOR, `drift/${name}/${at}`, slot, {
          trigger: `terraform.environments driftSchedule (the time of ${at})`,
          details: { triggerKey: `drift/${name}/${at}` },
        });
      } catch (error) {
        this.#deps.onError(`(scheduled drift check of ${name})`, error);
      }
    }
  }
}
