/**
 * A CommonJS bundle run with V8's code cache: the bytecode of its functions, written when the
 * bundle is built (scripts/build.js), by the Node that built it, after a warm-up run. Node 20 has
 * no compile cache of its own (`module.enableCompileCache` is Node 22's, and it starts empty on a
 * fresh machine), so `ci plan`, which CI runs on fresh runners, would compile its platform reader
 * on every call. V8 checks a cache against its version, its flags and the source, and compiles as
 * usual when they differ: another Node runs the same code, only without the head start.
 *
 * A bundle may have several caches, one per use (`ci plan` with or without reading the platform):
 * a cache holds what its warm-up compiled, and loading one costs in proportion to its size.
 */
import { readFileSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname } from "node:path";
import { Script } from "node:vm";

/** Where the code cache of the bundle at `file` for `use` is kept. */
export const codeCachePath = (file: string, use: string): string => `${file}.${use}.v8`;

interface Loaded {
  exports: unknown;
  script: Script;
}

function run(file: string, cachedData: Buffer | undefined): Loaded {
  const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined; // none: V8 compiles the bundle
  }
}

/** The exports of the CommonJS bundle at `file`, compiled from its code cache for `use` when V8 accepts it. */
export function loadBundle(file: string, use: string): unknown {
  return run(file, readCache(codeCachePath(file, use))).exports;
}

/**
 * Runs the bundle at `file`, then `warm` on its exports (so the functions a real call compiles are
 * compiled), and writes its code cache for `use`. Returns the cache's size in bytes.
 */
export async function writeCodeCache(
  file: string,
  use: string,
  warm: (exports: unknown) => Promise<void> = () => Promise.resolve(),
): Promise<number> {
  const { exports, script } = run(file, undefined);
  await warm(exports);
  const data = script.createCachedData();
  writeFileSync(codeCachePath(file, use), data);
  return data.length;
}
