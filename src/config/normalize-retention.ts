import { parseDurationMs } from "./duration.js";
import type { ParsedPlatform } from "./schema/platform.js";
import type { RegistryRetention } from "./types.js";

type WrittenRetention = NonNullable<ParsedPlatform["registry"]>["retention"];

/** `registry.retention` with its defaults: keep 10, no patterns, whatever the age, pruned only when asked. */
export function normalizeRetention(written: WrittenRetention): RegistryRetention {
  const schedule = written?.schedule;
  return {
    keep: written?.keep ?? 10,
    keepTags: written?.keepTags ?? [],
    olderThanMs: written?.olderThan === undefined ? undefined : parseDurationMs(written.olderThan),
    schedule: schedule ? { cron: schedule.cron, timezone: schedule.timezone ?? "UTC" } : undefined,
  };
}
