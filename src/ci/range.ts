/**
 * What `ci plan` reads from git: the repository, the head and base commits, their merge base and
 * the paths changed since it. Two processes started together, which run beside each other and
 * beside this one while it reads the platform: `git rev-parse` (where `base...head` prints the
 * merge base as `^SHA`, the first being the one `git merge-base` gives) and
 * `git diff base...head` (which compares with that same first merge base). When anything is amiss,
 * the calls that say what: not a repository, which ref is unknown, a merge base missing from a
 * shallow clone.
 */
import {
  changedFiles,
  gitAsync,
  mergeBase,
  openRepository,
  REPOSITORY_OPTIONS,
  repositoryFrom,
  resolveCommits,
} from "./git.js";
import type { GitRun, Repository } from "./git.js";

export interface Range {
  repo: Repository;
  head: string;
  base?: string;
  /** The merge base of base and head, when a base is given. */
  mergeBase?: string;
  /** The paths changed from the merge base to head, when asked for: a rename counts as its old path and its new one. */
  files?: string[];
}

type Ref = { ref: string; what: string };

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** The range from rev-parse's answer, when it has every line it should. */
function parsed(cwd: string, r: GitRun, refs: Ref[], withBase: boolean): Range | undefined {
  if (!r.ok) return undefined;
  const lines = r.stdout.trim().split("\n");
  // The repository's lines first (a top-level directory could look like a SHA), then the commits.
  const shas = lines.slice(REPOSITORY_OPTIONS.length).filter((line) => SHA.test(line));
  const bases = lines.filter((line) => line.startsWith("^") && SHA.test(line.slice(1)));
  if (shas.length !== refs.length + (withBase ? 2 : 0) || (withBase && bases.length === 0)) return undefined;
  return { repo: repositoryFrom(cwd, lines), head: shas[0]!, base: shas[1], mergeBase: bases[0]?.slice(1) };
}

/** One question at a time, to say what is wrong. */
function diagnosed(cwd: string, refs: Ref[], base: string | undefined): Range {
  const repo = openRepository(cwd);
  const [head, baseSha] = resolveCommits(repo, refs);
  const from = baseSha !== undefined ? mergeBase(repo, baseSha, head!, base!) : undefined;
  return { repo, head: head!, base: baseSha, mergeBase: from };
}

export async function readRange(cwd: string, head: string, base?: string, withFiles = false): Promise<Range> {
  const refs: Ref[] = [{ ref: head, what: "head" }, ...(base !== undefined ? [{ ref: base, what: "base" }] : [])];
  const args = ["rev-parse", ...REPOSITORY_OPTIONS, "--end-of-options", ...refs.map((x) => `${x.ref}^{commit}`)];
  const asking = gitAsync(cwd, base !== undefined ? [...args, `${base}...${head}`] : args);
  const diffing =
    withFiles && base !== undefined
      ? gitAsync(cwd, ["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", `${base}...${head}`, "--"])
      : undefined;
  diffing?.catch(() => undefined); // its failure is the rev-parse's too, reported from there
  const fast = parsed(cwd, await asking, refs, base !== undefined);
  const range = fast ?? diagnosed(cwd, refs, base);
  if (!withFiles || range.mergeBase === undefined) return range;
  const diff = fast && diffing ? await diffing : undefined;
  const files = diff?.ok
    ? diff.stdout.split("\0").filter((p) => p !== "")
    : changedFiles(range.repo, range.mergeBase, range.head);
  return { ...range, files };
}
