/**
 * The audit log: who did what, appended with a hash chain. Each entry's hash covers the previous
 * hash and the entry's canonical JSON, so editing or dropping an entry breaks every later hash.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Json } from "../engine/types.js";
import type { Db, Dialect, Queryable } from "../store/db.js";
import { toJson } from "../store/json.js";

/** The prev_hash of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** Serializes audit writers on PostgreSQL ("qsaudit" in ASCII); SQLite's write lock already does. */
const AUDIT_LOCK_KEY = "31933534786840948";

export interface AuditEntry {
  actor: string;
  /** What was done: "token.create", "run.submit", ... */
  action: string;
  /** What it was done to: a token id, a run id. */
  subject: string;
  data: { [key: string]: Json };
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  at: number;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every level, so equal values always hash equally. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(",")}}`;
}

/** hash = sha256(prev_hash + canonical JSON of {seq, at, actor, action, subject, data}). */
export function auditHash(prevHash: string, entry: AuditEntry & { seq: number; at: number }): string {
  const { seq, at, actor, action, subject, data } = entry;
  return createHash("sha256").update(prevHash + canonicalJson({ seq, at, actor, action, subject, data })).digest("hex");
}

/** Appends an entry inside the caller's transaction, after the newest one. */
export async function appendAudit(tx: Queryable, dialect: Dialect, entry: AuditEntry, at: number): Promise<AuditRecord> {
  if (dialect === "postgres") await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY}::bigint)`.execute(tx);
  const last = await tx.selectFrom("audit").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = auditHash(prevHash, { ...entry, seq, at });
  await tx
    .insertInto("audit")
    .values({ seq, at, actor: entry.actor, action: entry.action, subject: entry.subject, data: toJson(entry.data), prev_hash: prevHash, hash })
    .execute();
  return { ...entry, seq, at, prevHash, hash };
}

/** Appends an entry in a transaction of its own. */
export function recordAudit(db: Db, entry: AuditEntry, at: number = Date.now()): Promise<AuditRecord> {
  return db.transaction((tx) => appendAudit(tx, db.dialect, entry, at));
}
