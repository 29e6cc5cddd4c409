/**
 * The checked platform kept between runs of the read-only commands (`services`, `envs`, `vars`,
 * `validate`, `render`, `ci plan`), as ESLint's and Prettier's caches keep their results: a cold
 * start spends most of its time parsing YAML and checking schemas the first time the code runs,
 * for an answer that only changes when a file does.
 *
 * An entry is used only when every file the platform was read from still has the content it had
 * (SHA-256 of each), the working directory is the same (diagnostics name files relative to it),
 * and the same build of quikship wrote it. A platform with errors is never kept. Reading or
 * writing the cache never fails a command: any problem is a miss. `QUIKSHIP_NO_CACHE=1` turns
 * it off. Entries are V8's structured serialization, which keeps the platform exactly (absent and
 * undefined members alike). This module imports nothing of the platform reader, so a hit never
 * loads it.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import type { Diagnostic } from "./diagnostics.js";
import type { Platform } from "./types.js";

/** A successful load, as the commands use it. */
export interface CheckedPlatform {
  platform: Platform;
  warnings: Diagnostic[];
  /** The files read, as shown to the user. */
  files: string[];
}

export interface PlatformCache {
  /** Where entries are written. */
  dir: string;
  /** Identifies the code that checked the platform: an entry of another build is never used. */
  build: string;
}

const FORMAT = 1;

interface Entry {
  format: number;
  build: string;
  inputs: PlatformInput[];
  checked: CheckedPlatform;
}

/** A file the platform was read from: its absolute path and the SHA-256 of the content read. */
export interface PlatformInput {
  path: string;
  sha256: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The SHA-256 of a platform file's text, as read (UTF-8). */
export const contentHash = sha256;

/**
 * The cache of this process: under $XDG_CACHE_HOME (or ~/.cache)/quikship, for the bundled CLI
 * only — run from its sources, quikship cannot tell one state of its code from another.
 */
export function defaultPlatformCache(env: NodeJS.ProcessEnv = process.env): PlatformCache | undefined {
  if (env.QUIKSHIP_NO_CACHE === "1" || !import.meta.url.endsWith(".mjs")) return undefined;
  try {
    const self = fileURLToPath(import.meta.url);
    const { mtimeMs, size } = statSync(self);
    const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
    return { dir: join(base, "quikship", "platforms"), build: sha256(`${self}\0${mtimeMs}\0${size}`) };
  } catch {
    return undefined;
  }
}

function entryPath(cache: PlatformCache, path: string): string {
  return join(cache.dir, `${sha256(`${FORMAT}\0${cache.build}\0${process.cwd()}\0${resolve(path)}`)}.bin`);
}

/** The kept result for the platform at `path`, when every file it was read from is unchanged. */
export function cachedPlatform(cache: PlatformCache, path: string): CheckedPlatform | undefined {
  try {
    const entry = deserialize(readFileSync(entryPath(cache, path))) as Entry;
    if (entry.format !== FORMAT || entry.build !== cache.build || entry.inputs.length === 0) return undefined;
    for (const input of entry.inputs) if (sha256(readFileSync(input.path, "utf8")) !== input.sha256) return undefined;
    return entry.checked;
  } catch {
    return undefined;
  }
}

/** Keeps a successful load with the files it was read from, as they were read. */
export function keepPlatform(
  cache: PlatformCache,
  path: string,
  inputs: PlatformInput[],
  checked: CheckedPlatform,
): void {
  try {
    const entry: Entry = { format: FORMAT, build: cache.build, inputs, checked };
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    const file = entryPath(cache, path);
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, serialize(entry), { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // A cache that cannot be written is only slower.
  }
}
