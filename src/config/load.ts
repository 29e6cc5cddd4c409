import { InputError } from "../errors.js";
import type { PlatformInput } from "./cache.js";
import type { Diagnostic, PathSegment } from "./diagnostics.js";
import { formatDiagnostic, sortDiagnostics } from "./diagnostics.js";
import { normalize } from "./normalize.js";
import { parseWritten } from "./parse.js";
import type { Finding } from "./parse.js";
import { declaringDir, locate, originKey, readPlatformFiles } from "./read.js";
import type { ReadResult } from "./read.js";
import { RULES } from "./rules/index.js";
import { globsMatchTree } from "./rules/tree.js";
import { NAMED_COLLECTIONS } from "./schema/platform.js";
import type { ParsedPlatform } from "./schema/platform.js";
import type { Platform } from "./types.js";

export type LoadResult =
  | { ok: true; platform: Platform; warnings: Diagnostic[]; files: string[]; inputs: PlatformInput[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[]; files: string[] };

/**
 * Reads, parses, normalizes and checks a platform: `path` is a platform file or a directory
 * holding quikship.yaml. Every problem of every file is reported in one pass; a platform comes
 * back only when there is no error.
 */
export interface LoadOptions {
  /** The repository's files, relative to the platform's directory, when it is the repository's top level. */
  tree?: (platform: Platform) => string[] | undefined;
}

export function loadPlatform(path: string, options: LoadOptions = {}): LoadResult {
  const read = readPlatformFiles(path);
  const files = read.files.map((f) => f.displayPath);
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  const toDiagnostic = (f: Finding, severity: Diagnostic["severity"] = "error"): Diagnostic => ({
    severity,
    ...locate(read, f.path, f.pointAtKey),
    path: f.path,
    message: f.message,
  });

  const inputs = read.files.map((f) => ({ path: f.absolutePath, text: f.text }));
  if (read.root === undefined || read.files.length === 0) return finish(diagnostics, files, inputs);

  let parsed = parseWritten(read.merged);
  let rejected = new Set<string>();
  if (!parsed.ok) diagnostics.push(...parsed.findings.map((f) => toDiagnostic(f)));
  // With a file missing or unreadable, the rules would report its references as unknown.
  if (!read.complete) return finish(diagnostics, files, inputs);
  if (!parsed.ok) {
    // Check the rest too: drop what the schema rejected and run the rules on what is left.
    const rest = salvage(read, parsed.findings);
    rejected = rest.removed;
    parsed = parseWritten(rest.document);
    if (!parsed.ok) return finish(diagnostics, files, inputs);
  }

  const platform = normalize(parsed.value, read.root.absolutePath, (path) => declaringDir(read, path));
  runRules(parsed.value, platform, rejected, (f, severity) => diagnostics.push(toDiagnostic(f, severity)));
  const tree = options.tree?.(platform);
  if (tree)
    globsMatchTree(platform, tree, (p, message) => diagnostics.push(toDiagnostic({ path: p, message }, "warning")));
  return finish(diagnostics, files, inputs, platform);
}

function finish(diagnostics: Diagnostic[], files: string[], inputs: PlatformInput[], platform?: Platform): LoadResult {
  const sorted = sortDiagnostics(dedupe(diagnostics));
  const errors = sorted.filter((d) => d.severity === "error");
  const warnings = sorted.filter((d) => d.severity === "warning");
  if (errors.length > 0 || platform === undefined) return { ok: false, errors, warnings, files };
  return { ok: true, platform, warnings, files, inputs };
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = formatDiagnostic(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function runRules(
  written: ParsedPlatform,
  platform: Platform,
  removed: Set<string>,
  push: (f: Finding, severity: Diagnostic["severity"]) => void,
): void {
  const rejected = (top: string, name?: string): boolean =>
    removed.has(top) ||
    (name === undefined ? [...removed].some((r) => r.startsWith(`${top}\u0000`)) : removed.has(originKey([top, name])));
  // What the rules say inside a part the schema rejected is already said by the schema's finding.
  const insideRejected = (path: PathSegment[]): boolean =>
    typeof path[0] === "string" &&
    (removed.has(path[0]) || (typeof path[1] === "string" && removed.has(originKey([path[0], path[1]]))));
  for (const rule of RULES) {
    rule({
      written,
      platform,
      rejected,
      error: (path, message, pointAtKey) => {
        if (!insideRejected(path)) push({ path, message, pointAtKey }, "error");
      },
      warn: (path, message) => {
        if (!insideRejected(path)) push({ path, message }, "warning");
      },
    });
  }
}

/** The merged document without the entries (or top-level keys) the schema rejected. */
function salvage(read: ReadResult, findings: Finding[]): { document: Record<string, unknown>; removed: Set<string> } {
  const document: Record<string, unknown> = structuredClone(read.merged);
  const removed = new Set<string>();
  for (const { path } of findings) {
    const [top, name] = path;
    if (typeof top !== "string") continue;
    const collection = document[top];
    if (
      (NAMED_COLLECTIONS as readonly string[]).includes(top) &&
      typeof name === "string" &&
      collection &&
      typeof collection === "object"
    ) {
      delete (collection as Record<string, unknown>)[name];
      removed.add(originKey([top, name]));
    } else {
      delete document[top];
      removed.add(top);
    }
  }
  return { document, removed };
}

/** The platform, or an InputError listing every problem. */
export function loadPlatformOrThrow(path: string): {
  platform: Platform;
  warnings: Diagnostic[];
  files: string[];
  inputs: PlatformInput[];
} {
  const result = loadPlatform(path);
  if (result.ok)
    return { platform: result.platform, warnings: result.warnings, files: result.files, inputs: result.inputs };
  throw new InputError(
    `the platform file has ${result.errors.length} error${result.errors.length === 1 ? "" : "s"}:\n${result.errors.map(formatDiagnostic).join("\n")}`,
    { details: { errors: result.errors } },
  );
}
