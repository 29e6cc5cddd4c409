import { Cron } from "croner";
import type { Environment } from "../config/types.js";

/** The next time a scheduled environment is promoted to, after `afterMs`; null when its cron never fires again. */
export function nextScheduledMs(env: Environment, afterMs: number): number | null {
  if (env.deployment !== "scheduled" || !env.schedule) return null;
  const next = new Cron(env.schedule.cron, { timezone: env.schedule.timezone, paused: true }).nextRun(
    new Date(afterMs),
  );
  return next ? next.getTime() : null;
}
