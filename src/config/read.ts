import { isDeepStrictEqual } from "node:util";
import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import type { Diagnostic, PathSegment } from "./diagnostics.js";
import { NAMED_COLLECTIONS } from "./schema/platform.js";
import { positionOf, SourceFile } from "./source.js";

/** Where a part of the merged document came from. */
export interface Origin {
  file: SourceFile;
  /** Path of that part inside its own file. */
  pathInFile: PathSegment[];
}

export interface ReadResult {
  root: SourceFile | undefined;
  files: SourceFile[];
  merged: Record<string, unknown>;
  /** Keyed by `originKey` of a one- or two-segment path prefix. */
  origins: Map<string, Origin>;
  diagnostics: Diagnostic[];
  /** False when a file could not be read or parsed: the merged document lacks its part. */
  complete: boolean;
}

export const originKey = (path: readonly PathSegment[]): string => path.map(String).join("\u0000");

export const DEFAULT_FILE_NAME = "quikship.yaml";

function displayPathOf(absolutePath: string): string {
  const rel = relative(process.cwd(), absolutePath);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? absolutePath : rel;
}

/** A directory means its quikship.yaml. */
export function resolvePlatformPath(path: string): string {
  const absolute = resolve(path);
  try {
    if (statSync(absolute).isDirectory()) return resolve(absolute, DEFAULT_FILE_NAME);
  } catch {
    // A missing path is reported by the reader with its name.
  }
  return absolute;
}

function readText(absolutePath: string): string | { reason: string } {
  try {
    if (statSync(absolutePath).isDirectory()) return { reason: "is a directory; name a YAML file" };
    return readFileSync(absolutePath, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { reason: code === "ENOENT" ? "does not exist" : `cannot be read (${(error as Error).message})` };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads the root file and every file it includes, transitively, and merges them into one document. */
export function readPlatformFiles(path: string): ReadResult {
  const result: ReadResult = {
    root: undefined,
    files: [],
    merged: {},
    origins: new Map(),
    diagnostics: [],
    complete: true,
  };
  const rootPath = resolvePlatformPath(path);
  const at = (file: SourceFile, p: PathSegment[], message: string, pointAtKey = false): Diagnostic => ({
    severity: "error",
    file: file.displayPath,
    ...positionOf(file, p, pointAtKey),
    path: p,
    message,
  });

  const visit = (
    absolutePath: string,
    chain: string[],
    includedFrom?: { file: SourceFile; path: PathSegment[] },
  ): void => {
    const shown = displayPathOf(absolutePath);
    const text = readText(absolutePath);
    if (typeof text !== "string") {
      result.complete = false;
      if (includedFrom)
        result.diagnostics.push(at(includedFrom.file, includedFrom.path, `included file ${shown} ${text.reason}`));
      else
        result.diagnostics.push({
          severity: "error",
          file: shown,
          line: 1,
          column: 1,
          path: [],
          message: `platform file ${text.reason}; pass --config PATH or create ${shown}`,
        });
      return;
    }
    const file = new SourceFile(shown, absolutePath, text);
    result.files.push(file);
    const isRoot = !result.root;
    if (isRoot) result.root = file;
    const fail = (diagnostic: Diagnostic): void => {
      result.diagnostics.push(diagnostic);
      result.complete = false;
    };
    const { content } = file;
    switch (content.kind) {
      case "invalid":
        return fail(content.diagnostic);
      case "empty":
        if (isRoot) fail(at(file, [], "the platform file is empty; start it with version: 1, name: and environments:"));
        return;
      case "not-mapping":
        return fail(at(file, [], "a platform file must be a YAML mapping (keys such as services:, environments:)"));
    }
    const { data } = content;
    mergeFile(result, file, data, at);

    const includes = data.include;
    if (!Array.isArray(includes)) return; // absent, or a type the schema reports
    includes.forEach((entry, index) => {
      if (typeof entry !== "string" || entry === "") return; // the schema reports these
      const target = resolve(dirname(absolutePath), entry);
      const here: PathSegment[] = ["include", index];
      if (target === absolutePath || chain.includes(target)) {
        const loop = [...chain, absolutePath, target].map(displayPathOf).join(" → ");
        result.diagnostics.push(at(file, here, `include loop: ${loop}; remove one of these includes`));
        return;
      }
      visit(target, [...chain, absolutePath], { file, path: here });
    });
  };

  visit(rootPath, []);
  return result;
}

function mergeFile(
  result: ReadResult,
  file: SourceFile,
  data: Record<string, unknown>,
  at: (file: SourceFile, p: PathSegment[], message: string, pointAtKey?: boolean) => Diagnostic,
): void {
  const isRoot = result.root === file;
  for (const [key, value] of Object.entries(data)) {
    if (key === "include" || key === "$schema") {
      if (isRoot) result.merged[key] = value;
      continue;
    }
    const named = (NAMED_COLLECTIONS as readonly string[]).includes(key) && isRecord(value);
    if (!named) {
      const previous = result.origins.get(originKey([key]));
      // The same value twice is no conflict: a file that includes a platform repeats its version and name.
      if (previous && isDeepStrictEqual(result.merged[key], value)) continue;
      if (previous) {
        const where = `${previous.file.displayPath}:${positionOf(previous.file, [key], true).line}`;
        result.diagnostics.push(at(file, [key], `"${key}" is also defined at ${where}; define it in one file`, true));
        continue;
      }
      result.merged[key] = value;
      result.origins.set(originKey([key]), { file, pathInFile: [key] });
      continue;
    }
    const target = (result.merged[key] ??= {}) as Record<string, unknown>;
    if (!isRecord(target)) continue;
    if (!result.origins.has(originKey([key]))) result.origins.set(originKey([key]), { file, pathInFile: [key] });
    for (const [name, entry] of Object.entries(value)) {
      const previous = result.origins.get(originKey([key, name]));
      if (previous) {
        const pos = positionOf(previous.file, previous.pathInFile, true);
        result.diagnostics.push(
          at(
            file,
            [key, name],
            `duplicate name "${name}": ${key} already defines it at ${previous.file.displayPath}:${pos.line}:${pos.column}; rename or remove one`,
            true,
          ),
        );
        continue;
      }
      target[name] = entry;
      result.origins.set(originKey([key, name]), { file, pathInFile: [key, name] });
    }
  }
}

/** The file and position of a path of the merged document. */
export function locate(
  read: ReadResult,
  path: readonly PathSegment[],
  pointAtKey = false,
): { file: string; line: number; column: number } {
  for (const length of [2, 1]) {
    if (path.length < length) continue;
    const origin = read.origins.get(originKey(path.slice(0, length)));
    if (origin) {
      const inFile = [...origin.pathInFile, ...path.slice(length)];
      return { file: origin.file.displayPath, ...positionOf(origin.file, inFile, pointAtKey) };
    }
  }
  const root = read.root;
  if (!root) return { file: "(none)", line: 1, column: 1 };
  return { file: root.displayPath, ...positionOf(root, path, pointAtKey) };
}

/** The directory of the file that declares a path of the merged document: its relative paths are relative to it. */
export function declaringDir(read: ReadResult, path: readonly PathSegment[]): string {
  for (const length of [2, 1]) {
    const origin = path.length >= length ? read.origins.get(originKey(path.slice(0, length))) : undefined;
    if (origin) return dirname(origin.file.absolutePath);
  }
  return read.root ? dirname(read.root.absolutePath) : process.cwd();
}
