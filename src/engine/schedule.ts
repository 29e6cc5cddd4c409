import { Cron } from "croner";
import type { Environment } from "../config/types.js";

/** The next time of a five-field `cron` in `timezone` after `afterMs`; null when it never fires again. */
export function nextCronMs(cron: string, timezone: string | undefined, afterMs: number): number | null {
  const next = new Cron(cron, { timezone, paused: true }).nextRun(new Date(afterMs));
  return next ? next.getTime() : null;
}

/**
 * The latest time of a schedule (`next`: its next time after a moment) that came after `since`
 * and by `now`, or null; and where the next look starts (that time, or `since`). Times missed
 * between two looks start one run, not one each.
 */
export function latestDue(
  next: (afterMs: number) => number | null,
  since: number,
  now: number,
): { slot: number | null; since: number } {
  let slot: number | null = null;
  for (let at = next(since); at !== null && at <= now; at = next(since)) {
    slot = at;
    since = at;
  }
  return { slot, since };
}

/** The next time a scheduled environment is promoted to, after `afterMs`; null when its cron never fires again. */
export function nextScheduledMs(env: Environment, afterMs: number): number | null {
  if (env.deployment !== "scheduled" || !env.schedule) return null;
  return nextCronMs(env.schedule.cron, env.schedule.timezone, afterMs);
}
