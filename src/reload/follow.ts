/**
 * Every server sharing the database uses the newest stored platform version: a server that did
 * not store it notices at once, told by the change feed (`platform`, or a `resync` after the feed
 * was cut off), or within a second by a poll of one number, and swaps it in, as the server that
 * stored it did.
 */
import type { Platform } from "../config/types.js";
import { isKind } from "../kind.js";
import type { Db } from "../store/db.js";
import { fromJson } from "../store/json.js";
import type { JsonText } from "../store/json.js";
import type { PlatformVersionRow } from "../store/rows.js";
import { latestPlatformVersion, latestPlatformVersionNumber } from "../store/platform-versions/write.js";
import type { PlatformHolder, PlatformVersion } from "./holder.js";

/** How often a server looks for a version another server stored. */
export const FOLLOW_INTERVAL_MS = 1000;

export interface FollowerOptions {
  db: Db;
  holder: PlatformHolder;
  /** The platform of a stored version as this server uses it (from the row, or its own checkout of the row's commit). */
  load(row: PlatformVersionRow): Promise<PlatformVersion>;
  /** After a newer version is in use (the previous one's number). */
  onAdopted?(next: PlatformVersion, previous: number): void;
  onError(error: unknown): void;
  intervalMs?: number;
}

export class PlatformFollower {
  #options: FollowerOptions;
  #timer: NodeJS.Timeout | undefined;
  #checking: Promise<void> | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(options: FollowerOptions) {
    this.#options = options;
  }

  start(): void {
    this.#unsubscribe = this.#options.db.changes.subscribe((change) => {
      if (isKind(change, "platform", "resync")) void this.check();
    });
    this.#timer = setInterval(() => void this.check(), this.#options.intervalMs ?? FOLLOW_INTERVAL_MS).unref();
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#checking;
  }

  /** Swaps in the newest stored version when it is newer than the one in use; one check at a time. */
  check(): Promise<void> {
    this.#checking ??= this.#check()
      .catch((error: unknown) => this.#options.onError(error))
      .finally(() => (this.#checking = undefined));
    return this.#checking;
  }

  async #check(): Promise<void> {
    const { db, holder } = this.#options;
    if ((await latestPlatformVersionNumber(db.kysely)) <= holder.version().version) return;
    const row = await latestPlatformVersion(db.kysely);
    const previous = holder.version().version;
    if (row === undefined || row.version <= previous) return;
    const next = await this.#options.load(row);
    // A reload on this server may have moved on while the version was loaded.
    if (holder.version().version >= next.version) return;
    holder.replace(next);
    this.#options.onAdopted?.(next, previous);
  }
}

/** A stored version as the stored document (the platform's paths are those of the server that stored it). */
export function storedVersion(row: PlatformVersionRow): PlatformVersion {
  const platform = fromJson(row.platform as JsonText<Platform>);
  return { platform, version: row.version, hash: row.hash };
}
