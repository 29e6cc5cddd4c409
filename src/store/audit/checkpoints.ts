import type { Queryable } from "../db.js";
import type { AuditCheckpointRow } from "../rows.js";

/** Stores a signed checkpoint, in the transaction that appends the entry it covers. */
export async function insertCheckpoint(db: Queryable, row: AuditCheckpointRow): Promise<void> {
  await db.insertInto("audit_checkpoints").values(row).execute();
}

/** Checkpoints with a greater seq than `afterSeq`, in seq order, at most `limit`. */
export async function checkpointPage(db: Queryable, afterSeq: number, limit: number): Promise<AuditCheckpointRow[]> {
  return db
    .selectFrom("audit_checkpoints")
    .selectAll()
    .where("seq", ">", afterSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
}
