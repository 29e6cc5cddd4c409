import type { Queryable } from "../db.js";
import type { ReleaseItemRow, ReleaseRow } from "../rows.js";

export interface ReleaseRows {
  release: ReleaseRow;
  /** In train order. */
  items: ReleaseItemRow[];
}

export async function findRelease(db: Queryable, id: string): Promise<ReleaseRows | undefined> {
  const release = await db.selectFrom("releases").selectAll().where("id", "=", id).executeTakeFirst();
  return release ? { release, items: await itemsOf(db, [release.id]) } : undefined;
}

/** The release a run recorded in an environment. */
export async function findReleaseOfRun(
  db: Queryable,
  runId: string,
  environment: string,
): Promise<ReleaseRows | undefined> {
  const release = await db
    .selectFrom("releases")
    .selectAll()
    .where("run_id", "=", runId)
    .where("environment", "=", environment)
    .executeTakeFirst();
  return release ? { release, items: await itemsOf(db, [release.id]) } : undefined;
}

/** Newest first, at most `limit`; of one environment, or of all. */
export async function listReleases(
  db: Queryable,
  filter: { environment?: string; limit: number },
): Promise<ReleaseRows[]> {
  const releases = await db
    .selectFrom("releases")
    .selectAll()
    .$if(filter.environment !== undefined, (q) => q.where("environment", "=", filter.environment!))
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(filter.limit)
    .execute();
  const items = await itemsOf(
    db,
    releases.map((r) => r.id),
  );
  return releases.map((release) => ({ release, items: items.filter((i) => i.release_id === release.id) }));
}

async function itemsOf(db: Queryable, ids: string[]): Promise<ReleaseItemRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("release_items")
    .selectAll()
    .where("release_id", "in", ids)
    .orderBy("release_id")
    .orderBy("position")
    .execute();
}
