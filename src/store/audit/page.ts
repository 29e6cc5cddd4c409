import type { Queryable } from "../db.js";
import type { AuditRow } from "../rows.js";

/** Up to `limit` entries with a greater seq than `afterSeq`, in seq order: the log read in pages. */
export async function auditPage(db: Queryable, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db.selectFrom("audit").selectAll().where("seq", ">", afterSeq).orderBy("seq").limit(limit).execute();
}
