import { sql } from "kysely";
import type { Dialect, Queryable } from "../db.js";

/** "qsaudit" in ASCII: the advisory lock that serializes audit writers on PostgreSQL. */
const AUDIT_LOCK_KEY = "31933534786840948";

/**
 * Makes audit writers take turns until the transaction ends, so that two servers on one
 * PostgreSQL database do not both append after the same entry (the loser's whole transaction
 * would be lost). SQLite's transactions already hold the write lock (BEGIN IMMEDIATE).
 */
export async function lockAuditWriters(tx: Queryable, dialect: Dialect): Promise<void> {
  if (dialect === "postgres") await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY}::bigint)`.execute(tx);
}
