/**
 * Globs that match no file of the repository: a typo in `paths` would make CI never build a
 * service. Not one of RULES: it needs the repository's files, which `validate` reads from git.
 */
import { declaredGlobs } from "../../ci/changes.js";
import { compileGlob, matchPath } from "../../ci/glob.js";
import type { Platform } from "../types.js";

export function globsMatchTree(
  platform: Platform,
  files: readonly string[],
  warn: (path: (string | number)[], message: string) => void,
): void {
  for (const { glob, path } of declaredGlobs(platform)) {
    const compiled = compileGlob(glob);
    if (!files.some((f) => matchPath(compiled, f)))
      warn(path, `"${glob}" matches no file of the repository, so no change will ever select it`);
  }
}
