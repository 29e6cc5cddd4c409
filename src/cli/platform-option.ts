import { existsSync } from "node:fs";
import { formatDiagnostic } from "../config/diagnostics.js";
import { loadPlatformOrThrow } from "../config/load.js";
import type { Platform } from "../config/types.js";
import { colors } from "./output.js";

/** --config, else $QUIKSHIP_CONFIG, else ./quikship.yaml. */
export function configPath(option: string | undefined): string {
  return option ?? process.env.QUIKSHIP_CONFIG ?? "quikship.yaml";
}

export function hasDefaultConfig(): boolean {
  return existsSync("quikship.yaml");
}

/** Loads the platform for a read-only command; warnings go to stderr. */
export function loadForCommand(option: string | undefined): Platform {
  const { platform, warnings } = loadPlatformOrThrow(configPath(option));
  for (const w of warnings) process.stderr.write(`${colors.yellow(formatDiagnostic(w))}\n`);
  return platform;
}
