/**
 * The checked platform kept between runs of the read-only commands (`services`, `envs`, `vars`,
 * `validate`, `render`, `ci plan`), as ESLint's and Prettier's caches keep their results: a cold
 * start spends most of its time parsing YAML and checking schemas the first time the code runs,
 * for an answer that only changes when a file does.
 *
 * An entry is used only when every file the platform was read from still has the content it had
 * (the entry keeps each file's text and compares it whole), the working directory is the same
 * (diagnostics name files relative to it), and the same build of quikship wrote it. A platform with errors is never kept. Reading or
 * writing the cache never fails a command: any problem is a miss. `QUIKSHIP_NO_CACHE=1` turns
 * it off. Entries are V8's structured serialization, which keeps the platform exactly (absent and
 * undefined members alike). This module imports nothing of the platform reader, so a hit never
 * loads it.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
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

const FORMAT = 2;

interface Entry {
  format: number;
  /** What the entry's file name is derived from: two keys that share a name never share an entry. */
  key: string;
  build: string;
  inputs: PlatformInput[];
  checked: CheckedPlatform;
}

/** A file the platform was read from: its absolute path and the text read (UTF-8). */
export interface PlatformInput {
  path: string;
  text: string;
}

/** A 64-bit FNV-1a of the text (two 32-bit halves), as 16 hexadecimal digits: a file name, not a checksum. */
function fileName(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** Set by the build (scripts/build.js) to a value of its own: the same in every bundle of one build. */
declare const __QUIKSHIP_BUILD__: string | undefined;

/**
 * The cache of this process: under $XDG_CACHE_HOME (or ~/.cache)/quikship, for the bundled CLI
 * only — run from its sources, quikship cannot tell one state of its code from another. Every
 * bundle of one build shares its entries (`ci plan`'s and the program's).
 */
export function defaultPlatformCache(env: NodeJS.ProcessEnv = process.env): PlatformCache | undefined {
  if (env.QUIKSHIP_NO_CACHE === "1" || typeof __QUIKSHIP_BUILD__ !== "string") return undefined;
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return { dir: join(base, "quikship", "platforms"), build: __QUIKSHIP_BUILD__ };
}

function entryKey(cache: PlatformCache, path: string): string {
  return `${FORMAT}\0${cache.build}\0${process.cwd()}\0${resolve(path)}`;
}

function entryPath(cache: PlatformCache, key: string): string {
  return join(cache.dir, `${fileName(key)}.bin`);
}

/** The kept result for the platform at `path`, when every file it was read from is unchanged. */
export function cachedPlatform(cache: PlatformCache, path: string): CheckedPlatform | undefined {
  try {
    const key = entryKey(cache, path);
    const entry = deserialize(readFileSync(entryPath(cache, key))) as Entry;
    if (entry.format !== FORMAT || entry.key !== key || entry.build !== cache.build || entry.inputs.length === 0)
      return undefined;
    for (const input of entry.inputs) if (readFileSync(input.path, "utf8") !== input.text) return undefined;
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
    const key = entryKey(cache, path);
    const entry: Entry = { format: FORMAT, key, build: cache.build, inputs, checked };
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    const file = entryPath(cache, key);
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, serialize(entry), { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // A cache that cannot be written is only slower.
  }
}
