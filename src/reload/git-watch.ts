/**
 * Watching the platform's git source: each new commit of the ref is checked in full before use.
 * A broken one is refused with its located errors (logged, audited once, shown by
 * `GET /v1/platform/source`) and the version in use stays; a good one is stored as a new version,
 * audited with its commit and diff, and put in use. Of several servers watching, the first to
 * store a commit adopts it; the others find it stored and follow (reload/follow.ts).
 */
import type { Logger } from "pino";
import { appendAudit, digest, SYSTEM_ACTOR } from "../audit/index.js";
import type { Clock } from "../engine/clock.js";
import { InputError } from "../errors.js";
import { lockAuditWriters } from "../store/audit/lock.js";
import type { Db } from "../store/db.js";
import { fromJson } from "../store/json.js";
import type { JsonText } from "../store/json.js";
import { latestPlatformVersion } from "../store/platform-versions/write.js";
import type { PlatformVersionRow } from "../store/rows.js";
import { storedVersion } from "./follow.js";
import type { GitSource } from "./git-source.js";
import type { PlatformVersion } from "./holder.js";
import { storePlatform } from "./reload.js";
import type { ReloadResult } from "./reload.js";

/** How often the ref is fetched unless told otherwise (`--platform-git-interval`). */
export const DEFAULT_GIT_INTERVAL_MS = 30_000;

export interface SourceStatus {
  url: string;
  ref: string;
  path: string;
  /** The commit of the version in use. */
  commit: string | undefined;
  checkedAt: number | undefined;
  /** The newest commit refused, while the ref still points at it. */
  refused: { commit: string; at: number; errors: string[] } | undefined;
}

export interface GitWatchDeps {
  source: GitSource;
  db: Db;
  /** The version in use (undefined before the first). */
  current(): PlatformVersion | undefined;
  /** Puts a version in use. */
  use(next: PlatformVersion): void;
  clock: Clock;
  logger: Logger;
  intervalMs: number;
  /** After this server stored a new version (the re-check of waiting runs). */
  onStored(result: ReloadResult): Promise<void>;
}

/** The commit a stored version was read from, if it came from git. */
export function commitOf(row: PlatformVersionRow): string | undefined {
  return fromJson(row.diff as JsonText<{ commit?: string }>).commit;
}

export class GitWatcher {
  readonly #deps: GitWatchDeps;
  #commit: string | undefined;
  #checkedAt: number | undefined;
  #refused: SourceStatus["refused"];
  #timer: NodeJS.Timeout | undefined;
  #turn: Promise<unknown> = Promise.resolve();

  constructor(deps: GitWatchDeps) {
    this.#deps = deps;
  }

  status(): SourceStatus {
    const { source } = this.#deps;
    return {
      url: source.shownUrl,
      ref: source.ref,
      path: source.path,
      commit: this.#commit,
      checkedAt: this.#checkedAt,
      refused: this.#refused,
    };
  }

  /**
   * The version to start with: the ref's commit, checked and stored; when it is broken, the newest
   * stored version read from git (refusing to start only when there is none).
   */
  async initial(): Promise<PlatformVersion> {
    try {
      await this.poll(SYSTEM_ACTOR);
    } catch (error) {
      const latest = await latestPlatformVersion(this.#deps.db.kysely);
      if (!(error instanceof InputError) || latest === undefined || commitOf(latest) === undefined) throw error;
      this.#deps.logger.error(
        { err: error },
        "the platform source's commit is refused; starting with the newest stored",
      );
      this.#deps.use(await this.load(latest));
    }
    const current = this.#deps.current();
    if (current === undefined) throw new Error("bug: no platform version after the first poll");
    return current;
  }

  start(): void {
    const tick = (): void => {
      this.poll(SYSTEM_ACTOR)
        .catch(() => undefined) // logged by poll
        .finally(() => {
          if (this.#timer !== undefined) this.#timer = setTimeout(tick, this.#deps.intervalMs).unref();
        });
    };
    this.#timer = setTimeout(tick, this.#deps.intervalMs).unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#turn.catch(() => undefined);
  }

  /** Fetches the ref and adopts its commit if it is new and sound; an InputError with the located errors if it is broken. */
  poll(by: string): Promise<ReloadResult> {
    return this.#exclusive(async () => {
      const commit = await this.#fetch();
      if (this.#refused?.commit === commit) throw this.#refusal(commit, this.#refused.errors);
      // The ref moved past the refused commit (to one this server may have followed already).
      this.#refused = undefined;
      const current = this.#deps.current();
      if (commit === this.#commit && current !== undefined)
        return { outcome: "unchanged", version: current.version, hash: current.hash };
      return this.#adopt(commit, by);
    });
  }

  /** A stored version as this server uses it: a git commit from its own checkout, else the stored document. */
  load(row: PlatformVersionRow): Promise<PlatformVersion> {
    return this.#exclusive(async () => {
      // A newer version came into use while this one waited its turn: the checkout stays as it is.
      const current = this.#deps.current();
      if (current !== undefined && current.version >= row.version) return current;
      const commit = commitOf(row);
      if (commit === undefined) return storedVersion(row);
      const used = await this.#deps.source.use(commit);
      if (!used.ok)
        throw new InputError(
          `stored version ${row.version} (${commit}) does not load here:\n${used.errors.join("\n")}`,
        );
      this.#commit = commit;
      // Another server stored a newer commit: the ref no longer points at the one refused here.
      this.#refused = undefined;
      return { platform: used.platform, version: row.version, hash: row.hash };
    });
  }

  async #fetch(): Promise<string> {
    try {
      const commit = await this.#deps.source.fetch();
      this.#checkedAt = this.#deps.clock.now();
      return commit;
    } catch (error) {
      this.#deps.logger.error({ err: error }, "the platform source could not be fetched; the version in use stays");
      throw error;
    }
  }

  async #adopt(commit: string, by: string): Promise<ReloadResult> {
    const { source, db, clock, logger } = this.#deps;
    const checked = await source.check(commit);
    if (!checked.ok) {
      this.#refused = { commit, at: clock.now(), errors: checked.errors };
      await this.#auditRefusal(commit, checked.errors);
      const error = this.#refusal(commit, checked.errors);
      logger.error({ commit, errors: checked.errors }, "platform commit refused; the version in use stays");
      throw error;
    }
    this.#refused = undefined;
    const used = await source.use(commit);
    if (!used.ok) throw this.#refusal(commit, used.errors);
    const result = await storePlatform(db, used.platform, { by, source: "git" }, clock.now(), {
      commit,
      // Stored already by another server, or older than what is stored: follow the database instead.
      accept: async (latest) => {
        const stored = latest === undefined ? undefined : commitOf(latest);
        return stored === undefined || (stored !== commit && !(await source.isAncestor(commit, stored)));
      },
    });
    const latest = await latestPlatformVersion(db.kysely);
    // Stored now, stored before from this commit, or the same platform (a commit that changed other files).
    const same = result.hash === digest(used.platform);
    if (result.outcome === "reloaded" || same || (latest !== undefined && commitOf(latest) === commit)) {
      this.#deps.use({ platform: used.platform, version: result.version, hash: result.hash });
      this.#commit = commit;
      logger.info({ commit, version: result.version, outcome: result.outcome }, "platform commit in use");
      if (result.outcome === "reloaded") await this.#deps.onStored(result);
      return result;
    }
    // The database is ahead of this commit: use the stored version's commit.
    if (latest !== undefined) {
      const stored = commitOf(latest);
      const next = stored === undefined ? storedVersion(latest) : await this.#useStored(latest, stored);
      this.#deps.use(next);
      return { outcome: "unchanged", version: next.version, hash: next.hash };
    }
    throw new Error("bug: no platform version stored after storing one");
  }

  async #useStored(row: PlatformVersionRow, commit: string): Promise<PlatformVersion> {
    const used = await this.#deps.source.use(commit);
    if (!used.ok) throw this.#refusal(commit, used.errors);
    this.#commit = commit;
    return { platform: used.platform, version: row.version, hash: row.hash };
  }

  #refusal(commit: string, errors: string[]): InputError {
    const version = this.#deps.current()?.version ?? 0;
    return new InputError(
      `the platform file at commit ${commit} has ${errors.length} error${errors.length === 1 ? "" : "s"}; version ${version} stays in use:\n${errors.join("\n")}`,
      { details: { commit, errors, version } },
    );
  }

  /** One audit entry per refused commit, however many servers refuse it. */
  async #auditRefusal(commit: string, errors: string[]): Promise<void> {
    const { db, source, clock } = this.#deps;
    await db.transaction(async (tx) => {
      await lockAuditWriters(tx, db.dialect);
      const seen = await tx
        .selectFrom("audit")
        .select("seq")
        .where("action", "=", "platform.refused")
        .where("subject", "=", commit)
        .executeTakeFirst();
      if (seen !== undefined) return;
      const data = { url: source.shownUrl, ref: source.ref, path: source.path, commit, errors };
      await appendAudit(
        tx,
        db,
        { actor: SYSTEM_ACTOR, action: "platform.refused", subject: commit, data },
        clock.now(),
      );
    });
  }

  /** Git work one at a time: the watch, a reload and the follower share the checkout. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#turn.then(fn, fn);
    this.#turn = next.catch(() => undefined);
    return next;
  }
}
