/**
 * "Why it waits" for a person: the explanation's one-line summary (written for a terminal) cut
 * into its clauses, a clause's reasons in brackets into a list of their own, and each moment
 * written once, in the viewer's time with how far off it is, instead of a UTC timestamp. Pure.
 */

export interface WhyLine {
  /** The clause, moments made readable; `code` spans are marked with backticks still. */
  text: string;
  /** The reasons a clause gave in brackets, one per line. */
  reasons: string[];
}

const MOMENT = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))? UTC/g;

/** Splits at `sep` where it is outside brackets and backticks. */
function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let code = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "`") code = !code;
    else if (!code && c === "(") depth++;
    else if (!code && c === ")") depth = Math.max(0, depth - 1);
    else if (!code && depth === 0 && text.startsWith(sep, i)) {
      parts.push(text.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** The moments (ms) a text names as `YYYY-MM-DD HH:MM[:SS] UTC`. */
export function momentsIn(text: string): number[] {
  return [...text.matchAll(MOMENT)].map((m) =>
    Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, m[6] === undefined ? 0 : +m[6]),
  );
}

/** "in 5 min", "3 h ago". */
export function relative(ms: number, now: number): string {
  const s = Math.round((ms - now) / 1000);
  const a = Math.abs(s);
  const size =
    a < 60
      ? `${a} s`
      : a < 90 * 60
        ? `${Math.round(a / 60)} min`
        : a < 48 * 3600
          ? `${Math.round(a / 3600)} h`
          : `${Math.round(a / 86400)} days`;
  return s >= 0 ? `in ${size}` : `${size} ago`;
}

/** A moment in the viewer's zone: the time alone on the same day, else with the date; and how far off. */
export function momentText(ms: number, now: number, timeZone?: string): string {
  const day = (t: number) => new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "short" }).format(t);
  const time = { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;
  const shown =
    day(ms) === day(now)
      ? new Intl.DateTimeFormat(undefined, { ...time, second: "2-digit" }).format(ms)
      : new Intl.DateTimeFormat(undefined, { ...time, weekday: "short", day: "numeric", month: "short" }).format(ms);
  return `${shown} (${relative(ms, now)})`;
}

function readable(text: string, now: number, timeZone?: string): string {
  return text.replace(MOMENT, (whole) => momentText(momentsIn(whole)[0]!, now, timeZone));
}

/**
 * The summary's clauses as lines. Clauses about what comes after this wait (`then ...`,
 * `afterwards ...`, an emergency override) are left out when `withoutAhead`: the Ahead panel shows them.
 */
export function whyLines(summary: string, now: number, withoutAhead: boolean, timeZone?: string): WhyLine[] {
  const clauses = splitTop(summary, "; ").filter(
    (c) => !withoutAhead || !/^(then |afterwards |emergency override)/.test(c),
  );
  return clauses.map((clause) => {
    // A clause ending in "(a; b; c)" lists its reasons there.
    const open = clause.endsWith(")") ? lastTopOpen(clause) : -1;
    const inner = open < 0 ? "" : clause.slice(open + 1, -1);
    const reasons = open < 0 ? [] : splitTop(inner, "; ");
    if (reasons.length < 2) return { text: readable(clause, now, timeZone), reasons: [] };
    return {
      text: readable(clause.slice(0, open).trim(), now, timeZone),
      reasons: reasons.map((r) => readable(r, now, timeZone)),
    };
  });
}

/** Where the bracket that closes a text's end opens. */
function lastTopOpen(text: string): number {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ")") depth++;
    else if (text[i] === "(" && --depth === 0) return i;
  }
  return -1;
}
