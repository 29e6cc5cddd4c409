import type { Queryable } from "../db.js";

/**
 * Records that a token was used at `at`, unless it was already recorded within `resolutionMs`:
 * a write per request would serialize every request on SQLite's write lock.
 */
export async function touchToken(db: Queryable, id: string, at: number, resolutionMs: number): Promise<void> {
  await db
    .updateTable("tokens")
    .set({ last_used_at: at })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<=", at - resolutionMs)]))
    .execute();
}
