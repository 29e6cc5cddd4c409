import type { Queryable } from "../db.js";
import type { AuditRow } from "../rows.js";

/**
 * Appends an entry. "seq-taken": another writer appended an entry with the same seq first (the
 * primary key refused this one). On PostgreSQL the transaction is then aborted, so the caller
 * retries the whole transaction, never just this insert.
 */
export async function insertAuditEntry(db: Queryable, row: AuditRow): Promise<"inserted" | "seq-taken"> {
  try {
    await db.insertInto("audit").values(row).execute();
    return "inserted";
  } catch (error) {
    if (isUniqueViolation(error)) return "seq-taken";
    throw error;
  }
}

/** SQLite's SQLITE_CONSTRAINT_PRIMARYKEY, PostgreSQL's unique_violation (23505). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505";
}
