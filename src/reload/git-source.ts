/**
 * The platform read from a git repository: a clone in the server's state directory whose work
 * tree holds the commit in use, and a second work tree where each new commit is checked before
 * it is used, so a broken commit never touches the files the running version reads.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { formatDiagnostic } from "../config/diagnostics.js";
import { loadPlatform } from "../config/load.js";
import type { Platform } from "../config/types.js";
import { InputError } from "../errors.js";
import { redactUrl } from "../store/url.js";

const run = promisify(execFile);

export interface GitSourceOptions {
  /** The repository (any URL git fetches from: https://, ssh, file://). */
  url: string;
  /** The branch or tag watched. */
  ref: string;
  /** The platform file inside the repository. */
  path: string;
  /** Where the clone lives (in the state directory). */
  dir: string;
}

export type GitLoad = { ok: true; platform: Platform } | { ok: false; errors: string[] };

export class GitSource {
  readonly url: string;
  readonly ref: string;
  readonly path: string;
  readonly #tree: string;
  readonly #candidate: string;

  constructor(options: GitSourceOptions) {
    this.url = options.url;
    this.ref = options.ref;
    this.path = options.path;
    this.#tree = join(options.dir, "tree");
    this.#candidate = join(options.dir, "candidate");
  }

  /** The URL as shown in logs and the audit (a password in it hidden). */
  get shownUrl(): string {
    return redactUrl(this.url);
  }

  /** Fetches the ref; the commit it names now. */
  async fetch(): Promise<string> {
    await this.#ensureClone();
    await this.#git(
      this.#tree,
      "fetch",
      "--quiet",
      "--force",
      "--no-tags",
      "origin",
      `+${this.ref}:refs/quikship/source`,
    );
    return (await this.#git(this.#tree, "rev-parse", "refs/quikship/source^{commit}")).trim();
  }

  /** Checks a commit's platform file in full in the candidate tree; the files in use are not touched. */
  async check(commit: string): Promise<GitLoad> {
    await this.#ensureCommit(commit);
    if (!existsSync(join(this.#candidate, ".git")))
      await this.#git(this.#tree, "worktree", "add", "--force", "--detach", this.#candidate, commit);
    await this.#checkout(this.#candidate, commit);
    return this.#load(this.#candidate);
  }

  /** Puts a commit in the tree in use and loads its platform from there (its paths stay the same across commits). */
  async use(commit: string): Promise<GitLoad> {
    await this.#ensureCommit(commit);
    await this.#checkout(this.#tree, commit);
    return this.#load(this.#tree);
  }

  /** Whether `older` is `newer` or one of its ancestors (false when either is unknown here, even after a fetch). */
  async isAncestor(older: string, newer: string): Promise<boolean> {
    try {
      // `newer` may be a commit another server stored after this one last fetched.
      await this.#ensureCommit(newer);
      await this.#git(this.#tree, "merge-base", "--is-ancestor", older, newer);
      return true;
    } catch {
      return false;
    }
  }

  #load(tree: string): GitLoad {
    const loaded = loadPlatform(join(tree, this.path));
    if (loaded.ok) return { ok: true, platform: loaded.platform };
    // Located in the repository (quikship.yaml:4:3 ...), not in this server's state directory.
    return {
      ok: false,
      errors: loaded.errors.map((d) => formatDiagnostic({ ...d, file: relative(tree, resolve(d.file)) })),
    };
  }

  async #ensureClone(): Promise<void> {
    if (!existsSync(join(this.#tree, ".git"))) {
      await mkdir(this.#tree, { recursive: true });
      await this.#git(this.#tree, "init", "--quiet");
      await this.#git(this.#tree, "remote", "add", "origin", this.url);
    } else await this.#git(this.#tree, "remote", "set-url", "origin", this.url);
  }

  async #ensureCommit(commit: string): Promise<void> {
    try {
      await this.#git(this.#tree, "cat-file", "-e", `${commit}^{commit}`);
    } catch {
      // A commit another server stored before this one fetched it.
      await this.fetch();
    }
  }

  async #checkout(tree: string, commit: string): Promise<void> {
    await this.#git(tree, "checkout", "--quiet", "--force", "--detach", commit);
    await this.#git(tree, "clean", "--quiet", "-ffdx");
  }

  async #git(cwd: string, ...args: string[]): Promise<string> {
    try {
      const { stdout } = await run("git", args, {
        cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
        maxBuffer: 16 * 1024 * 1024,
      });
      return stdout;
    } catch (error) {
      const raw = (error as { stderr?: unknown }).stderr;
      const stderr = (typeof raw === "string" ? raw : "").trim();
      // No cause: git's error repeats the command line, and the URL in it may carry a password.
      throw new InputError(
        `git ${args[0]} for the platform source ${this.shownUrl} (${this.ref}) failed: ${redactAll(stderr, this.url)}`,
      );
    }
  }
}

function redactAll(text: string, url: string): string {
  return url === redactUrl(url) ? text : text.split(url).join(redactUrl(url));
}

/** `--platform-path`: a relative path inside the repository. */
export function checkRepoPath(path: string): string {
  if (path === "" || isAbsolute(path) || path.split(/[\\/]/).includes(".."))
    throw new InputError(`--platform-path must be a path inside the repository, got "${path}"`);
  return path;
}
