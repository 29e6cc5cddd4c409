import { createRequire } from "node:module";
import type * as Croner from "croner";
import { nearest } from "../suggest.js";
import { entries } from "./context.js";
import type { RuleContext } from "./context.js";

const COMMON_ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Asia/Kolkata",
  "Asia/Tokyo",
  "Australia/Sydney",
];

/** Windows name a real time zone, open before they close, and freezes are either a range or a recurring rule. */
export function windowsAreWellFormed(ctx: RuleContext): void {
  for (const [name, env] of entries(ctx.written.environments)) {
    const w = env.windows;
    if (!w) continue;
    const base = ["environments", name, "windows"];
    if (!isTimeZone(w.timezone)) {
      const close = nearest(w.timezone, [...COMMON_ZONES, ...Intl.supportedValuesOf("timeZone")], 1);
      const hint = close[0] === undefined ? "" : ` (did you mean "${close[0]}"?)`;
      ctx.error(
        [...base, "timezone"],
        `unknown time zone "${w.timezone}"${hint}; use an IANA name such as ${COMMON_ZONES.slice(0, 4).join(", ")}`,
      );
    }
    w.weekly.forEach((rule, i) => {
      if (rule.from >= rule.to)
        ctx.error(
          [...base, "weekly", i, "to"],
          `window closes (${rule.to}) before it opens (${rule.from}); split a window that crosses midnight into two`,
        );
      const dup = rule.days.find((d, j) => rule.days.indexOf(d) !== j);
      if (dup) ctx.error([...base, "weekly", i, "days"], `day "${dup}" is listed twice`);
    });
    w.freezes.forEach((f, i) => {
      const path = [...base, "freezes", i];
      const isRange = f.from !== undefined || f.to !== undefined;
      const isRecurring = f.cron !== undefined || f.duration !== undefined;
      if (isRange === isRecurring) {
        ctx.error(
          path,
          `freeze "${f.name}" must be a date range (from and to) or a recurring rule (cron and duration), not ${isRange ? "both" : "neither"}`,
        );
        return;
      }
      if (isRange) {
        if (f.from === undefined || f.to === undefined) ctx.error(path, `freeze "${f.name}" needs both from and to`);
        else if (!isRealDate(f.from) || !isRealDate(f.to)) {
          const key = isRealDate(f.from) ? "to" : "from";
          ctx.error([...path, key], `"${f[key]}" is not a real date or time`);
        } else if (f.to < f.from) ctx.error([...path, "to"], `freeze ends (${f.to}) before it starts (${f.from})`);
        return;
      }
      if (f.cron === undefined) ctx.error(path, `recurring freeze "${f.name}" needs a cron expression`);
      else {
        const problem = cronProblem(f.cron);
        if (problem) ctx.error([...path, "cron"], `invalid cron expression "${f.cron}": ${problem}`);
      }
      if (f.duration === undefined) ctx.error(path, `recurring freeze "${f.name}" needs a duration, e.g. "24h"`);
    });
  }
}

const CRON_FIELDS = {
  minute: "minute must be 0-59",
  hour: "hour must be 0-23",
  day: "day-of-month must be 1-31",
  month: "month must be 1-12",
  dayOfWeek: "day-of-week must be 0-7 or sun-sat",
} as const;

/** What is wrong with a five-field cron expression, in the expression's own terms. */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5)
    return `it has ${fields} field${fields === 1 ? "" : "s"}; write five: minute hour day-of-month month day-of-week, e.g. "0 0 25 12 *"`;
  try {
    const { Cron } = croner();
    new Cron(expression, { paused: true });
    return undefined;
  } catch (error) {
    // croner numbers days and months from 0 in its messages, so name the field rather than echo them.
    const message = (error as Error).message;
    const field = /Invalid value for (\w+)/.exec(message)?.[1];
    return field !== undefined && field in CRON_FIELDS
      ? CRON_FIELDS[field as keyof typeof CRON_FIELDS]
      : message.replace(/^CronPattern: /, "");
  }
}

const require = createRequire(import.meta.url);
let cronLib: typeof Croner | undefined;

/**
 * croner, loaded the first time a cron expression is checked: most platforms have none, and the
 * platform reader, which `ci plan` loads on a fresh CI runner, keeps it out of its bundle.
 */
function croner(): typeof Croner {
  cronLib ??= require("croner") as typeof Croner;
  return cronLib;
}

let canonicalZones: Set<string> | undefined;

/**
 * Whether a name is an IANA time zone. The list of canonical zones costs a millisecond; building a
 * formatter for a zone loads the zone rules and costs ten times that, so it is asked only for names
 * outside the list, such as aliases ("US/Eastern"). The formatter is luxon's own check
 * (`IANAZone.isValidZone`), without loading luxon into the platform reader.
 */
export function isTimeZone(name: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf("timeZone"));
  if (canonicalZones.has(name)) return true;
  if (!name) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name }).format();
    return true;
  } catch {
    return false;
  }
}

/** "2026-02-30" is no date. Checked without a date library: luxon would load the locale data first. */
function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((v) => (v === undefined ? undefined : Number(v))) as number[];
  const d = new Date(Date.UTC(year!, month! - 1, day, hour, minute, second));
  return (
    d.getUTCFullYear() === year &&
    d.getUTCMonth() === month! - 1 &&
    d.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
}
