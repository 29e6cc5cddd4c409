/** A duration as written in the platform file: digits and a unit, one or more times ("1h30m"). */
export const DURATION_PATTERN = /^(\d+(ms|s|m|h|d|w))+$/;

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** "1h30m" → 5_400_000. Throws on text the schema would have rejected. */
export function parseDurationMs(text: string): number {
  if (!DURATION_PATTERN.test(text)) throw new RangeError(`not a duration: ${JSON.stringify(text)}`);
  let total = 0;
  for (const match of text.matchAll(/(\d+)(ms|s|m|h|d|w)/g)) {
    total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  }
  return total;
}

/** 5_400_000 → "1h30m"; the inverse of parseDurationMs for display. */
export function formatDurationMs(ms: number): string {
  if (ms === 0) return "0s";
  if (ms < 0) return `-${formatDurationMs(-ms)}`;
  let rest = ms;
  let out = "";
  for (const [unit, size] of [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
    ["ms", 1],
  ] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}

/** "0.5%" or 0.5 → 0.5 (percent). */
export function parsePercent(value: number | string): number {
  return typeof value === "number" ? value : Number(value.slice(0, -1));
}
