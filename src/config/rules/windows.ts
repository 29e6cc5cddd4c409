import { Cron } from "croner";
import { DateTime, IANAZone } from "luxon";
import { entries } from "./context.js";
import type { RuleContext } from "./context.js";

const COMMON_ZONES = ["UTC", "Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney"];

/** Windows name a real time zone, open before they close, and freezes are either a range or a recurring rule. */
export function windowsAreWellFormed(ctx: RuleContext): void {
  for (const [name, env] of entries(ctx.written.environments)) {
    const w = env.windows;
    if (!w) continue;
    const base = ["environments", name, "windows"];
    if (!IANAZone.isValidZone(w.timezone)) {
      ctx.error([...base, "timezone"], `unknown time zone "${w.timezone}"; use an IANA name such as ${COMMON_ZONES.slice(0, 4).join(", ")}`);
    }
    w.weekly.forEach((rule, i) => {
      if (rule.from >= rule.to) ctx.error([...base, "weekly", i, "to"], `window closes (${rule.to}) before it opens (${rule.from}); split a window that crosses midnight into two`);
      const dup = rule.days.find((d, j) => rule.days.indexOf(d) !== j);
      if (dup) ctx.error([...base, "weekly", i, "days"], `day "${dup}" is listed twice`);
    });
    w.freezes.forEach((f, i) => {
      const path = [...base, "freezes", i];
      const isRange = f.from !== undefined || f.to !== undefined;
      const isRecurring = f.cron !== undefined || f.duration !== undefined;
      if (isRange === isRecurring) {
        ctx.error(path, `freeze "${f.name}" must be a date range (from and to) or a recurring rule (cron and duration), not ${isRange ? "both" : "neither"}`);
        return;
      }
      if (isRange) {
        if (f.from === undefined || f.to === undefined) ctx.error(path, `freeze "${f.name}" needs both from and to`);
        else if (!DateTime.fromISO(f.from).isValid || !DateTime.fromISO(f.to).isValid) ctx.error([...path, DateTime.fromISO(f.from).isValid ? "to" : "from"], "not a real date");
        else if (f.to < f.from) ctx.error([...path, "to"], `freeze ends (${f.to}) before it starts (${f.from})`);
        return;
      }
      if (f.cron === undefined) ctx.error(path, `recurring freeze "${f.name}" needs a cron expression`);
      else {
        try {
          new Cron(f.cron, { paused: true });
        } catch (error) {
          ctx.error([...path, "cron"], `invalid cron expression: ${(error as Error).message}`);
        }
      }
      if (f.duration === undefined) ctx.error(path, `recurring freeze "${f.name}" needs a duration, e.g. "24h"`);
    });
  }
}
