/**
 * The cache keys of build plans: a digest of the lock files' contents at a commit. Apart from
 * git.ts, so a plan that needs no key (and `ci plan` at start-up) never loads the hashing library.
 */
import { createHash } from "node:crypto";
import { git } from "./git.js";
import type { Repository } from "./git.js";
import { InputError } from "../errors.js";

/**
 * Per group of files, a short digest of their blob ids at `commit` (a missing file counts as
 * missing): equal exactly when every file's content is.
 */
export function contentDigests(
  repo: Repository,
  commit: string,
  groups: Record<string, string[]>,
): Record<string, string> {
  const files = [...new Set(Object.values(groups).flat())];
  const blobs = new Map<string, string>();
  if (files.length > 0) {
    const r = git(repo.top, ["ls-tree", "-r", "-z", "--full-tree", commit, "--", ...files]);
    if (!r.ok) throw new InputError(`git ls-tree ${commit} failed: ${r.stderr}`);
    for (const entry of r.stdout.split("\0")) {
      const tab = entry.indexOf("\t");
      if (tab > 0) blobs.set(entry.slice(tab + 1), entry.slice(0, tab).split(" ")[2]!);
    }
  }
  const digests: Record<string, string> = {};
  for (const [name, group] of Object.entries(groups)) {
    const hash = createHash("sha256");
    for (const f of group) hash.update(`${f}\0${blobs.get(f) ?? "missing"}\0`);
    digests[name] = hash.digest("hex").slice(0, 16);
  }
  return digests;
}
