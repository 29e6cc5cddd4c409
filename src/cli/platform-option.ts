import { existsSync } from "node:fs";
import { cachedPlatform, defaultPlatformCache, keepPlatform } from "../config/cache.js";
import type { CheckedPlatform } from "../config/cache.js";
import { formatDiagnostic } from "../config/diagnostics.js";
import type { Platform } from "../config/types.js";
import { colors } from "./output.js";
import { configPath } from "./config-path.js";

export { configPath } from "./config-path.js";

export function hasDefaultConfig(): boolean {
  return existsSync("quikship.yaml");
}

/**
 * The platform at `path`, checked, or an InputError listing every problem. A read-only command
 * takes it from the cache when no file it was read from has changed (src/config/cache.ts), and
 * loads the platform reader only when it must read.
 */
export async function checkedPlatform(path: string): Promise<CheckedPlatform> {
  const cache = defaultPlatformCache();
  const kept = cache && cachedPlatform(cache, path);
  if (kept) return kept;
  const { loadPlatformOrThrow } = await import("../config/load.js");
  const { inputs, ...checked } = loadPlatformOrThrow(path);
  if (cache) keepPlatform(cache, path, inputs, checked);
  return checked;
}

/** Loads the platform for a read-only command; warnings go to stderr. */
export async function loadForCommand(option: string | undefined): Promise<Platform> {
  const { platform, warnings } = await checkedPlatform(configPath(option));
  for (const w of warnings) process.stderr.write(`${colors.yellow(formatDiagnostic(w))}\n`);
  return platform;
}
