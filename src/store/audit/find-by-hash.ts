import type { Queryable } from "../db.js";
import type { AuditRow } from "../rows.js";

/** The entry holding a hash, wherever it is now. Only verification asks, once it found a problem, so no index. */
export async function findAuditByHash(db: Queryable, hash: string): Promise<AuditRow | undefined> {
  return db.selectFrom("audit").selectAll().where("hash", "=", hash).orderBy("seq").limit(1).executeTakeFirst();
}
