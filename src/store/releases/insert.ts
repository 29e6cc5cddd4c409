import type { Queryable } from "../db.js";
import type { ReleaseItemRow, ReleaseRow } from "../rows.js";
import { findReleaseOfRun } from "./read.js";

export interface NewRelease {
  id: string;
  environment: string;
  runId: string;
  actor: string;
  now: number;
  /** In train order. */
  items: Omit<ReleaseItemRow, "release_id" | "position">[];
}

/**
 * Records a release, rolling out, with its items. Idempotent per run and environment: a run that
 * already recorded its release there gets that one back (and `id` is not used).
 */
export async function insertRelease(
  tx: Queryable,
  r: NewRelease,
): Promise<{ release: ReleaseRow; items: ReleaseItemRow[] }> {
  const existing = await findReleaseOfRun(tx, r.runId, r.environment);
  if (existing) return existing;
  const release: ReleaseRow = {
    id: r.id,
    environment: r.environment,
    run_id: r.runId,
    actor: r.actor,
    status: "rolling-out",
    created_at: r.now,
    finished_at: null,
  };
  await tx.insertInto("releases").values(release).execute();
  const items = r.items.map((item, position): ReleaseItemRow => ({ ...item, release_id: r.id, position }));
  if (items.length > 0) await tx.insertInto("release_items").values(items).execute();
  return { release, items };
}
