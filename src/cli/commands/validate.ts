import { realpathSync } from "node:fs";
import { formatDiagnostic } from "../../config/diagnostics.js";
import type { Diagnostic } from "../../config/diagnostics.js";
import type { LoadResult } from "../../config/load.js";
import { cachedPlatform, defaultPlatformCache, keepPlatform } from "../../config/cache.js";
import { globsMatchTree } from "../../config/rules/tree.js";
import type { Platform } from "../../config/types.js";
import { git } from "../../ci/git.js";
import { unresolvedSecrets } from "../../platform/unresolved-secrets.js";
import type { UnresolvedSecrets } from "../../platform/unresolved-secrets.js";
import { colors, emit } from "../output.js";
import type { OutputOptions } from "../output.js";
import { configPath } from "../platform-option.js";

interface ValidateReport {
  valid: boolean;
  /** With --local: per environment, the secrets the local target would leave unset on this machine. */
  unresolvedSecrets?: UnresolvedSecrets[];
  files: string[];
  errors: Diagnostic[];
  warnings: Diagnostic[];
  summary?: {
    name: string;
    services: number;
    environments: number;
    ladder: string[];
    groups: number;
    variableGroups: number;
  };
}

/**
 * The platform checked, with warnings for globs that match no file of the repository. An unchanged
 * platform comes from the cache (src/config/cache.ts), which keeps what does not depend on the
 * repository's files; when a glob matches nothing, the platform is read again to locate the warning.
 */
async function check(path: string): Promise<LoadResult> {
  const cache = defaultPlatformCache();
  const kept = cache && cachedPlatform(cache, path);
  if (kept && !unmatchedGlobs(kept.platform)) return { ok: true, ...kept, inputs: [] };
  const { loadPlatform } = await import("../../config/load.js");
  const plain = loadPlatform(path);
  if (!plain.ok) return plain;
  const { platform, warnings, files } = plain;
  if (cache) keepPlatform(cache, path, plain.inputs, { platform, warnings, files });
  return unmatchedGlobs(platform) ? loadPlatform(path, { tree: repositoryFiles }) : plain;
}

/** Whether a glob of the platform matches no file of its repository (never outside git). */
function unmatchedGlobs(platform: Platform): boolean {
  const files = repositoryFiles(platform);
  let unmatched = false;
  if (files) globsMatchTree(platform, files, () => (unmatched = true));
  return unmatched;
}

/** Returns the exit code: 0 valid, 1 invalid. */
export async function validate(
  path: string | undefined,
  options: OutputOptions & { config?: string; local?: boolean },
): Promise<number> {
  const result = await check(path ?? configPath(options.config));
  const report: ValidateReport = result.ok
    ? {
        valid: true,
        files: result.files,
        errors: [],
        warnings: result.warnings,
        summary: {
          name: result.platform.name,
          services: Object.keys(result.platform.services).length,
          environments: result.platform.ladder.length,
          ladder: result.platform.ladder,
          groups: Object.keys(result.platform.groups).length,
          variableGroups: Object.keys(result.platform.variableGroups).length,
        },
      }
    : { valid: false, files: result.files, errors: result.errors, warnings: result.warnings };
  if (result.ok && options.local === true) report.unresolvedSecrets = unresolvedSecrets(result.platform);

  if (options.output === "json") {
    emit(options, report, () => "");
    return report.valid ? 0 : 1;
  }
  for (const w of report.warnings) process.stderr.write(`${colors.yellow(formatDiagnostic(w))}\n`);
  if (!report.valid) {
    for (const e of report.errors) process.stderr.write(`${colors.red(formatDiagnostic(e))}\n`);
    process.stderr.write(
      `${report.errors.length} error${report.errors.length === 1 ? "" : "s"} in ${report.files.length} file${report.files.length === 1 ? "" : "s"}\n`,
    );
    return 1;
  }
  for (const { environment, secrets } of report.unresolvedSecrets ?? [])
    process.stderr.write(
      `${colors.yellow(`${environment}: ${secrets.length} secret${secrets.length === 1 ? "" : "s"} not resolvable on this machine, left unset by the local target: ${secrets.join(", ")}`)}\n`,
    );
  const s = report.summary!;
  process.stdout.write(
    `${colors.green("valid")}: platform ${s.name} — ${s.services} services, ${s.environments} environments (${s.ladder.join(" → ")}), ${s.groups} groups, ${s.variableGroups} variable groups, ${report.files.length} files\n`,
  );
  return 0;
}

/**
 * The files of the repository whose top level holds the platform file, from git; none when the
 * platform lives elsewhere (its globs would be relative to another directory) or outside git.
 */
function repositoryFiles(platform: Platform): string[] | undefined {
  try {
    const top = git(platform.baseDir, ["rev-parse", "--show-toplevel"]);
    if (!top.ok || realpathSync(top.stdout.trim()) !== realpathSync(platform.baseDir)) return undefined;
    const files = git(platform.baseDir, ["ls-files", "-z"]);
    return files.ok ? files.stdout.split("\0").filter((f) => f !== "") : undefined;
  } catch {
    return undefined;
  }
}
