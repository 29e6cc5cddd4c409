/**
 * Writing the audit log. An entry is appended after the newest one inside the writer's
 * transaction, so it is recorded if and only if what it records is.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { Json } from "../engine/types.js";
import { ConflictError } from "../errors.js";
import { insertAuditEntry } from "../store/audit/insert.js";
import { lastAuditEntry } from "../store/audit/last.js";
import { lockAuditWriters } from "../store/audit/lock.js";
import { insertCheckpoint } from "../store/audit/checkpoints.js";
import type { Db, Queryable } from "../store/db.js";
import { toJson } from "../store/json.js";
import { asStoredJson, entryHash, GENESIS_HASH } from "./chain.js";
import type { AuditEntry, AuditRecord } from "./entry.js";

/** How many times `recordAudit` tries when another writer took its seq. */
const ATTEMPTS = 5;

/** What appending needs of the database: its dialect, and the audit key's signer when the server holds one. */
export type AuditWriter = Pick<Db, "dialect" | "auditSigner">;

/**
 * Appends an entry inside the caller's transaction: seq is the newest entry's + 1 and
 * prev_hash its hash. With the audit key, the new head is checkpointed (signed) in the same
 * transaction, so no entry is ever written by this server without its signature. `at` is raised to the newest entry's time if a clock behind another
 * server's would make time go backwards in the log.
 *
 * Throws a retryable ConflictError when another writer appended the same seq first (the primary
 * key refuses the second); the caller retries its whole transaction.
 *
 *     await db.transaction(async (tx) => {
 *       ...
 *       await appendAudit(tx, db, { actor, action: "gate.approve", subject: runId, data: { environment } }, clock.now());
 *     });
 */
export async function appendAudit(
  tx: Queryable,
  writer: AuditWriter,
  entry: AuditEntry,
  at: number,
): Promise<AuditRecord> {
  await lockAuditWriters(tx, writer.dialect);
  const last = await lastAuditEntry(tx);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const record = {
    seq,
    at: Math.max(at, last?.at ?? at),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    // What is hashed is what the database gives back (undefined dropped, dates as strings).
    data: asStoredJson(entry.data) as { [key: string]: Json },
  };
  const hash = entryHash(prevHash, record);
  const outcome = await insertAuditEntry(tx, { ...record, data: toJson(record.data), prev_hash: prevHash, hash });
  if (outcome === "seq-taken") {
    throw new ConflictError(`another writer appended audit entry ${seq} at the same time`, {
      retryable: true,
      details: { seq },
    });
  }
  if (writer.auditSigner !== undefined) await insertCheckpoint(tx, writer.auditSigner.checkpoint(seq, hash, record.at));
  return { ...record, prevHash, hash };
}

/** Appends an entry in a transaction of its own, trying again when another writer took its seq. */
export async function recordAudit(db: Db, entry: AuditEntry, at: number = Date.now()): Promise<AuditRecord> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => appendAudit(tx, db, entry, at));
    } catch (error) {
      if (!(error instanceof ConflictError && error.retryable) || attempt >= ATTEMPTS) throw error;
      await delay(attempt * 5);
    }
  }
}
