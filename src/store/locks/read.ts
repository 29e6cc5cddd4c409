import type { Queryable } from "../db.js";
import type { LockRow } from "../rows.js";

/** Who holds the lock of each locked service of an environment (taking and releasing: runs/locks.ts). */
export async function lockHolders(db: Queryable, environment: string): Promise<LockRow[]> {
  return db.selectFrom("locks").selectAll().where("environment", "=", environment).orderBy("service").execute();
}
