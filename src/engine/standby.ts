import { SYSTEM_ACTOR } from "../audit/index.js";
import type { Platform } from "../config/types.js";
import type { Db } from "../store/database.js";
import { dueStandbys } from "../store/revisions/standby.js";
import type { Clock } from "./clock.js";
import type { RunRequestInput } from "./request.js";
import type { EngineService } from "./service.js";

export interface StandbyExpiryDeps {
  db: Db;
  platform: () => Platform;
  clock: Clock;
  service: EngineService;
  onError(what: string, error: unknown): void;
}

/** The key of one standby's expiry: the same revision made standby again later expires again. */
export function standbyKey(environment: string, service: string, revision: number, untilMs: number): string {
  return `standby/${environment}/${service}/r${revision}/${new Date(untilMs).toISOString()}`;
}

/**
 * Standby revisions past their time (a blue-green switch keeps the previous revision running for
 * `standby`), looked at on the worker's timer: each becomes an `expire-standby` run, started by
 * quikship, whose id is made from the revision and its time, so of several servers exactly one
 * submits it; the run stops the revision through the fence like every effect, and survives the
 * death of the server that submitted it. Returns the runs this call submitted.
 */
export async function submitStandbyExpiries(deps: StandbyExpiryDeps): Promise<string[]> {
  const platform = deps.platform();
  const submitted: string[] = [];
  for (const row of await dueStandbys(deps.db.kysely, deps.clock.now())) {
    // No longer in the platform file: nothing to stop it through.
    if (!platform.environments[row.environment] || !platform.services[row.service]) continue;
    const key = standbyKey(row.environment, row.service, row.number, row.standby_until);
    const request: RunRequestInput = {
      kind: "expire-standby",
      environment: row.environment,
      services: [row.service],
      params: { revision: row.number },
    };
    try {
      const run = await deps.service.submitOnce(request, SYSTEM_ACTOR, key, row.standby_until, {
        trigger: `blue-green standby of revision ${row.number} until ${new Date(row.standby_until).toISOString()}`,
        details: { triggerKey: key },
      });
      if (run) submitted.push(run.id);
    } catch (error) {
      deps.onError(`(standby revision ${row.number} of ${row.service} in ${row.environment})`, error);
    }
  }
  return submitted;
}
