/**
 * What `ci plan` and `ci build` ask git, by spawning it directly: few processes, NUL-separated
 * output (paths with spaces, quotes or any Unicode come back as written), and errors a person can
 * act on: not a repository, an unknown ref, a shallow clone that lacks a commit.
 */
import { spawn, spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { readConfigValue } from "./git-config.js";
import { isKind } from "../kind.js";
import { InputError, UnavailableError } from "../errors.js";

export interface GitRun {
  ok: boolean;
  stdout: string;
  stderr: string;
}

const ARGS = ["-c", "core.quotepath=off"];
const env = (): NodeJS.ProcessEnv => ({ ...process.env, GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" });

function unavailable(error: Error): UnavailableError {
  const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
  return new UnavailableError(
    missing ? "git is not installed (ci commands read changes from git)" : `git failed: ${error.message}`,
    { cause: error },
  );
}

export function git(cwd: string, args: string[]): GitRun {
  const result = spawnSync("git", [...ARGS, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 30, env: env() });
  if (result.error) throw unavailable(result.error);
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.trim() };
}

/** `git` without waiting for it: processes started together run side by side, and beside this one. */
export function gitAsync(cwd: string, args: string[]): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", [...ARGS, ...args], { cwd, env: env(), stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.once("error", (error) => reject(unavailable(error)));
    child.once("close", (code) =>
      resolve({
        ok: code === 0,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8").trim(),
      }),
    );
  });
}

export interface Repository {
  /** Absolute top level of the work tree. */
  top: string;
  shallow: boolean;
  /** Absolute directory of the repository's shared files (its config): .git, or the main one of a worktree. */
  commonDir: string;
}

/** What the first lines of `git rev-parse` print for these options, in this order. */
export const REPOSITORY_OPTIONS = ["--show-toplevel", "--is-shallow-repository", "--git-common-dir"];

/** The repository from those lines; the common directory may be relative to `cwd`. */
export function repositoryFrom(cwd: string, lines: string[]): Repository {
  const [top, shallow, commonDir] = lines;
  return { top: top!, shallow: shallow === "true", commonDir: resolve(cwd, commonDir!) };
}

export function openRepository(cwd: string): Repository {
  const r = git(cwd, ["rev-parse", ...REPOSITORY_OPTIONS]);
  if (!r.ok)
    throw new InputError(
      `${cwd} is not in a git repository (ci plan reads what changed from git; run it in a clone): ${r.stderr}`,
    );
  return repositoryFrom(cwd, r.stdout.trim().split("\n"));
}

function missingCommit(repo: Repository, ref: string, what: string): InputError {
  if (repo.shallow)
    return new InputError(
      `${what} "${ref}" is not in this clone, which is shallow: fetch the history it needs (git fetch --unshallow, or git fetch --deepen=N; in GitHub Actions, actions/checkout with fetch-depth: 0)`,
    );
  return new InputError(`unknown ${what} "${ref}": not a branch, tag or commit of this repository`);
}

/** Full SHAs of the refs, in order. */
export function resolveCommits(repo: Repository, refs: { ref: string; what: string }[]): string[] {
  const r = git(repo.top, ["rev-parse", "--end-of-options", ...refs.map((x) => `${x.ref}^{commit}`)]);
  const shas = r.stdout.split("\n").filter((line) => /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(line));
  if (r.ok && shas.length === refs.length) return shas;
  // rev-parse names no ref we could trust: ask one by one to say which is missing.
  for (const x of refs) {
    if (!git(repo.top, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${x.ref}^{commit}`]).ok)
      throw missingCommit(repo, x.ref, x.what);
  }
  throw new InputError(`git could not read ${refs.map((x) => x.ref).join(", ")}: ${r.stderr}`);
}

export function mergeBase(repo: Repository, base: string, head: string, baseRef: string): string {
  const r = git(repo.top, ["merge-base", base, head]);
  if (r.ok) return r.stdout.trim();
  if (repo.shallow)
    throw new InputError(
      `the merge base of ${baseRef} and the head is not in this clone, which is shallow: fetch more history (git fetch --deepen=N or git fetch --unshallow; in GitHub Actions, fetch-depth: 0)`,
    );
  throw new InputError(`${baseRef} and the head have no common history: ${r.stderr || "no merge base"}`);
}

/** Every path added, modified or deleted; a rename counts as its old path and its new one. */
export function changedFiles(repo: Repository, from: string, to: string): string[] {
  const r = git(repo.top, ["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", from, to, "--"]);
  if (!r.ok) throw new InputError(`git diff ${from} ${to} failed: ${r.stderr}`);
  return r.stdout.split("\0").filter((p) => p !== "");
}

/** Every file of the commit's tree. */
export function treeFiles(repo: Repository, commit: string): string[] {
  const r = git(repo.top, ["ls-tree", "-r", "-z", "--name-only", commit]);
  if (!r.ok) throw new InputError(`git ls-tree ${commit} failed: ${r.stderr}`);
  return r.stdout.split("\0").filter((p) => p !== "");
}

/**
 * owner/name of the origin remote, when it is a GitHub-style URL. Read from the repository's
 * config file without starting git; a config that includes others is asked of git itself.
 */
export function originRepository(repo: Repository): string | undefined {
  const url = originUrl(repo);
  const m = url === undefined ? null : /[:/]([^/:]+\/[^/]+?)(\.git)?\/?$/.exec(url.trim());
  return m?.[1];
}

function originUrl(repo: Repository): string | undefined {
  const read = readConfigValue(join(repo.commonDir, "config"), "remote", "origin", "url");
  if (isKind(read, "value")) return read.value;
  if (isKind(read, "absent")) return undefined;
  const r = git(repo.top, ["config", "--get", "remote.origin.url"]);
  return r.ok ? r.stdout : undefined;
}

/** The commit's committer time, ISO 8601. */
export function commitTime(repo: Repository, commit: string): string {
  const r = git(repo.top, ["show", "-s", "--format=%cI", commit]);
  if (!r.ok) throw new InputError(`git show ${commit} failed: ${r.stderr}`);
  return r.stdout.trim();
}
