/**
 * Which services a set of changed files selects. Pure: the files come from git (ci/git.ts), the
 * globs from the platform. A service is selected by its own `paths`, its stack's `sharedPaths`
 * and the platform's `ci.sharedPaths`; the first file that selected it is its reason.
 */
import type { Platform } from "../config/types.js";
import { compileGlob, matchPath } from "./glob.js";
import type { CompiledGlob } from "./glob.js";

export type GlobOwner = "service" | "stack" | "platform";

export interface ChangeReason {
  file: string;
  glob: string;
  /** Whose glob it is: the service's own path, a path its stack shares, or one every service shares. */
  via: GlobOwner;
}

interface Watch {
  compiled: CompiledGlob;
  /** Services this glob selects, each with why. */
  services: { name: string; via: GlobOwner }[];
}

/** One compiled matcher per distinct glob, with every service it selects. */
function watches(platform: Platform, candidates: readonly string[]): Watch[] {
  const byGlob = new Map<string, Watch>();
  const add = (glob: string, name: string, via: GlobOwner): void => {
    let watch = byGlob.get(glob);
    if (!watch) byGlob.set(glob, (watch = { compiled: compileGlob(glob), services: [] }));
    watch.services.push({ name, via });
  };
  for (const name of candidates) {
    const service = platform.services[name]!;
    for (const glob of service.paths) add(glob, name, "service");
    for (const glob of platform.stacks[service.stack]?.sharedPaths ?? []) add(glob, name, "stack");
    for (const glob of platform.ci.sharedPaths) add(glob, name, "platform");
  }
  return [...byGlob.values()];
}

/**
 * The candidates that the files select, in the candidates' order, each with the first file (in
 * the files' order) and glob that selected it. A candidate without any glob is selected by any file:
 * in a repository of its own, every file is its.
 */
export function changedServices(
  platform: Platform,
  files: readonly string[],
  candidates: readonly string[],
): Map<string, ChangeReason> {
  const found = new Map<string, ChangeReason>();
  const all = watches(platform, candidates);
  const unwatched = candidates.filter((name) => !all.some((w) => w.services.some((s) => s.name === name)));
  for (const file of files) {
    if (found.size === candidates.length) break;
    for (const name of unwatched) if (!found.has(name)) found.set(name, { file, glob: "(any file)", via: "service" });
    for (const watch of all) {
      if (watch.services.every((s) => found.has(s.name))) continue;
      if (!matchPath(watch.compiled, file)) continue;
      for (const s of watch.services)
        if (!found.has(s.name)) found.set(s.name, { file, glob: watch.compiled.glob, via: s.via });
    }
  }
  return new Map(candidates.filter((c) => found.has(c)).map((c) => [c, found.get(c)!]));
}

/** Every glob of the platform with the place it is declared, for checks against a tree. */
export function declaredGlobs(platform: Platform): { glob: string; path: (string | number)[] }[] {
  const globs: { glob: string; path: (string | number)[] }[] = [];
  for (const service of Object.values(platform.services))
    service.paths.forEach((glob, i) => globs.push({ glob, path: ["services", service.name, "paths", i] }));
  for (const stack of Object.values(platform.stacks))
    stack.sharedPaths.forEach((glob, i) => globs.push({ glob, path: ["stacks", stack.name, "sharedPaths", i] }));
  platform.ci.sharedPaths.forEach((glob, i) => globs.push({ glob, path: ["ci", "sharedPaths", i] }));
  return globs;
}
