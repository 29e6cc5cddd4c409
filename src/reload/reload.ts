/**
 * Loading the platform file again while the server runs: validated in full first (an invalid
 * file is refused with its located errors, and the version in use stays), stored as a new
 * version with its content hash, audited with its diff, then put in use.
 */
import { appendAudit, digest } from "../audit/index.js";
import { formatDiagnostic } from "../config/diagnostics.js";
import { loadPlatform } from "../config/load.js";
import type { Platform } from "../config/types.js";
import type { Clock } from "../engine/clock.js";
import type { Json } from "../engine/types.js";
import { InputError } from "../errors.js";
import { lockAuditWriters } from "../store/audit/lock.js";
import type { Db } from "../store/db.js";
import type { PlatformVersionRow } from "../store/rows.js";
import { fromJson, toJson } from "../store/json.js";
import type { JsonText } from "../store/json.js";
import { insertPlatformVersion, latestPlatformVersion } from "../store/platform-versions/write.js";
import { changeJson, diffPlatforms } from "./diff.js";
import type { PlatformChange } from "./diff.js";
import type { PlatformHolder, PlatformVersion } from "./holder.js";

export const RELOAD_SOURCES = ["startup", "reload", "signal", "git"] as const;
export type ReloadSource = (typeof RELOAD_SOURCES)[number];

export type ReloadResult =
  | {
      outcome: "reloaded";
      version: number;
      previous: number;
      hash: string;
      changes: PlatformChange[];
      truncated: number;
      commit?: string;
    }
  | { outcome: "unchanged"; version: number; hash: string };

/** The platform as stored: plain JSON (its paths and durations as the program uses them). */
function asJson(platform: Platform): Json {
  return JSON.parse(JSON.stringify(platform)) as Json;
}

export interface StoreOptions {
  /** The git commit the platform was read from (the git source). */
  commit?: string;
  /** Given the newest stored version, whether to store this one (false: the newest stays, as with the same hash). */
  accept?(latest: PlatformVersionRow | undefined): boolean | Promise<boolean>;
}

/**
 * Stores the platform as a new version unless the newest stored one has the same hash, and
 * audits the change with its diff. Returns the version now in effect. Servers store one at a
 * time (the audit writers' lock, taken first), so two that load the same change store it once.
 */
export async function storePlatform(
  db: Db,
  platform: Platform,
  who: { by: string; source: ReloadSource },
  at: number,
  options: StoreOptions = {},
): Promise<ReloadResult> {
  const hash = digest(platform);
  return db.transaction(async (tx) => {
    await lockAuditWriters(tx, db.dialect);
    const latest = await latestPlatformVersion(tx);
    if (latest?.hash === hash) return { outcome: "unchanged", version: latest.version, hash };
    if (latest !== undefined && options.accept !== undefined && !(await options.accept(latest)))
      return { outcome: "unchanged", version: latest.version, hash: latest.hash };
    const before = latest === undefined ? undefined : fromJson(latest.platform as JsonText<Json>);
    const { changes, truncated } = diffPlatforms(before, asJson(platform));
    const diff = latest === undefined ? { changes: [], truncated: 0 } : { changes, truncated };
    const commit = options.commit === undefined ? {} : { commit: options.commit };
    const version = await insertPlatformVersion(tx, {
      hash,
      platform: toJson(asJson(platform)),
      loaded_at: at,
      loaded_by: who.by,
      source: who.source,
      diff: toJson({ changes: diff.changes.map(changeJson), truncated: diff.truncated, ...commit }),
    });
    const previous = latest?.version ?? 0;
    await appendAudit(
      tx,
      db,
      {
        actor: who.by,
        action: "platform.version",
        subject: platform.name,
        data: {
          version,
          previous,
          hash,
          source: who.source,
          changes: diff.changes,
          truncated: diff.truncated,
          ...commit,
        } as never,
      },
      at,
    );
    return { outcome: "reloaded", version, previous, hash, ...diff, ...commit };
  });
}

export interface ReloadDeps {
  db: Db;
  holder: PlatformHolder;
  /** The platform file the server was started with. */
  path: string;
  clock: Clock;
}

/** Loads the file again; refuses an invalid one with every located error and keeps the one in use. */
export async function reloadPlatform(
  deps: ReloadDeps,
  who: { by: string; source: ReloadSource },
): Promise<ReloadResult> {
  const loaded = loadPlatform(deps.path);
  if (!loaded.ok) {
    const errors = loaded.errors.map(formatDiagnostic);
    throw new InputError(
      `the platform file has ${errors.length} error${errors.length === 1 ? "" : "s"}; version ${deps.holder.version().version} stays in use:\n${errors.join("\n")}`,
      { details: { errors, version: deps.holder.version().version } },
    );
  }
  const result = await storePlatform(deps.db, loaded.platform, who, deps.clock.now());
  const next: PlatformVersion = { platform: loaded.platform, version: result.version, hash: result.hash };
  deps.holder.replace(next);
  return result;
}
