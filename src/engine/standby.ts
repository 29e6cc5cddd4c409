import { claimStandby, dueStandbys } from "../store/revisions/standby.js";
import { findEnvironment, findService } from "../platform/lookup.js";
import type { ExecutorDeps } from "./execute.js";

/** How often a worker looks for standby revisions past their time. */
export const REAP_EVERY_MS = 5000;

/**
 * Stops the standby revisions whose time is up (a blue-green switch keeps the previous revision
 * running for `standby`, so a rollback is an instant switch back). The claim is a conditional
 * update, so of several servers one stops each revision; a revision that has traffic again (a
 * rollback switched to it) is never stopped. Returns the revisions it stopped.
 */
export async function reapStandbys(
  deps: Pick<ExecutorDeps, "db" | "platform" | "targets" | "clock">,
): Promise<{ environment: string; service: string; revision: number }[]> {
  const now = deps.clock.now();
  const due = await dueStandbys(deps.db.kysely, now);
  const stopped: { environment: string; service: string; revision: number }[] = [];
  for (const row of due) {
    if (!(await claimStandby(deps.db.kysely, row.environment, row.service, row.number))) continue;
    let environment, service;
    try {
      environment = findEnvironment(deps.platform(), row.environment);
      service = findService(deps.platform(), row.service);
    } catch {
      continue; // no longer in the platform file: nothing to stop through it
    }
    const target = deps.targets.forEnvironment(environment);
    const status = await target.status(environment, service);
    if ((status.weights[String(row.number)] ?? 0) > 0) continue;
    await target.removeRevision(environment, service, row.number);
    stopped.push({ environment: row.environment, service: row.service, revision: row.number });
  }
  return stopped;
}
