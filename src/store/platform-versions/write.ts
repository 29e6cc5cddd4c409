import type { Queryable } from "../db.js";
import type { PlatformVersionRow } from "../rows.js";
import { publishChange } from "../changes/publish.js";

/** The newest stored version, if any. */
export async function latestPlatformVersion(db: Queryable): Promise<PlatformVersionRow | undefined> {
  return db.selectFrom("platform_versions").selectAll().orderBy("version", "desc").limit(1).executeTakeFirst();
}

/**
 * Stores a platform as the next version. Two servers storing at once collide on the primary key;
 * the caller's transaction then fails and is retried by reading the newest again.
 */
export async function insertPlatformVersion(db: Queryable, row: Omit<PlatformVersionRow, "version">): Promise<number> {
  const latest = await latestPlatformVersion(db);
  const version = (latest?.version ?? 0) + 1;
  await db
    .insertInto("platform_versions")
    .values({ ...row, version })
    .execute();
  publishChange(db, { kind: "platform" });
  return version;
}

/** Versions newest first, without their platform documents. */
export async function listPlatformVersions(
  db: Queryable,
  limit: number,
): Promise<Omit<PlatformVersionRow, "platform">[]> {
  return db
    .selectFrom("platform_versions")
    .select(["version", "hash", "loaded_at", "loaded_by", "source", "diff"])
    .orderBy("version", "desc")
    .limit(limit)
    .execute();
}

/** The newest version's number (0 when none is stored): the one-column read servers poll each second. */
export async function latestPlatformVersionNumber(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom("platform_versions")
    .select((eb) => eb.fn.max("version").as("version"))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}
