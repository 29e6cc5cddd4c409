/**
 * Where a server's platform comes from and how it stays current: a file (loaded again on a
 * reload) or a git ref (watched), and in both cases the newest version any server stored,
 * followed within a second.
 */
import { join } from "node:path";
import type { Logger } from "pino";
import { SYSTEM_ACTOR } from "../audit/index.js";
import type { Platform } from "../config/types.js";
import type { Clock } from "../engine/clock.js";
import { InternalError } from "../errors.js";
import { PlatformFollower, storedVersion } from "../reload/follow.js";
import { GitSource } from "../reload/git-source.js";
import { GitWatcher } from "../reload/git-watch.js";
import type { SourceStatus } from "../reload/git-watch.js";
import { PlatformHolder } from "../reload/holder.js";
import type { PlatformVersion } from "../reload/holder.js";
import { reloadPlatform, storePlatform } from "../reload/reload.js";
import type { ReloadResult, ReloadSource } from "../reload/reload.js";
import type { Db } from "../store/db.js";

export interface GitOptions {
  url: string;
  ref: string;
  /** The platform file inside the repository. */
  path: string;
  intervalMs: number;
}

export interface SourceOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  stateDir: string;
  /** A file source: the platform as loaded at start, and its file. */
  platform?: Platform | undefined;
  platformPath?: string | undefined;
  git?: GitOptions | undefined;
  /** After this server stored a new version: the re-check of waiting runs. */
  afterStore(version: number): Promise<void>;
}

export interface PlatformSource {
  holder: PlatformHolder;
  /** Loads the source again now (the file, or the ref's newest commit); absent without a file or git source. */
  reload: ((who: { by: string; source: ReloadSource }) => Promise<ReloadResult>) | undefined;
  /** The git source's state (undefined for a file). */
  status(): SourceStatus | undefined;
  start(): void;
  stop(): Promise<void>;
}

/** The git checkout's directory in the state directory. */
export const GIT_DIR = "platform-git";

export async function openPlatformSource(options: SourceOptions): Promise<PlatformSource> {
  const { db, clock, logger } = options;
  let holder: PlatformHolder | undefined;
  const use = (next: PlatformVersion): void => {
    if (holder === undefined) holder = new PlatformHolder(next);
    else holder.replace(next);
  };
  // What is stored while the server starts is its first version: nothing ran under another yet.
  let started = false;
  const stored = async (result: ReloadResult): Promise<void> => {
    if (started && result.outcome === "reloaded") await options.afterStore(result.version);
  };
  let watcher: GitWatcher | undefined;
  let reload: PlatformSource["reload"];
  if (options.git !== undefined) {
    const source = new GitSource({ ...options.git, dir: join(options.stateDir, GIT_DIR) });
    const git = new GitWatcher({
      source,
      db,
      clock,
      logger,
      intervalMs: options.git.intervalMs,
      current: () => holder?.version(),
      use,
      onStored: stored,
    });
    watcher = git;
    use(await git.initial());
    reload = (who) => git.poll(who.by);
  } else {
    if (options.platform === undefined) throw new InternalError("a server needs a platform file or a git source");
    const result = await storePlatform(db, options.platform, { by: SYSTEM_ACTOR, source: "startup" }, clock.now());
    use({ platform: options.platform, version: result.version, hash: result.hash });
    const path = options.platformPath;
    reload =
      path === undefined
        ? undefined
        : async (who) => {
            const result = await reloadPlatform({ db, holder: current(), path, clock }, who);
            await stored(result);
            return result;
          };
  }
  const current = (): PlatformHolder => {
    if (holder === undefined) throw new InternalError("no platform in use");
    return holder;
  };
  const follower = new PlatformFollower({
    db,
    holder: current(),
    load: (row) => (watcher === undefined ? Promise.resolve(storedVersion(row)) : watcher.load(row)),
    onAdopted: (next, previous) =>
      logger.info({ version: next.version, previous }, "platform version stored by another server in use"),
    onError: (error) => logger.warn({ err: error }, "the newest platform version could not be read"),
  });
  return {
    holder: current(),
    reload,
    status: () => watcher?.status(),
    start: () => {
      started = true;
      follower.start();
      watcher?.start();
    },
    stop: async () => {
      await watcher?.stop();
      await follower.stop();
    },
  };
}
