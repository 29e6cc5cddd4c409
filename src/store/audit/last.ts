import type { Queryable } from "../db.js";
import type { AuditRow } from "../rows.js";

/** The newest entry's seq, time and hash; undefined while the log is empty. */
export async function lastAuditEntry(db: Queryable): Promise<Pick<AuditRow, "seq" | "at" | "hash"> | undefined> {
  return db.selectFrom("audit").select(["seq", "at", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
}
