/**
 * The audit log's domain types: what a writer appends, what the log holds, and what verifying it
 * finds. Rows (src/store/rows.ts) are mapped to records here and nowhere else.
 */
import type { Json } from "../engine/types.js";
import { fromJson } from "../store/json.js";
import type { AuditRow } from "../store/rows.js";

/** The actor of what the server does by itself (first-start token, platform load). */
export const SYSTEM_ACTOR = "quikship";

/** What a writer appends. By convention `data.environment` names the environment it concerns. */
export interface AuditEntry {
  actor: string;
  /** What was done: "run.submit", "token.create", "platform.load", ... */
  action: string;
  /** What it was done to: a run id, a token id, a platform name. */
  subject: string;
  data: { [key: string]: Json };
}

/** An entry as the log holds it. */
export interface AuditRecord extends AuditEntry {
  /** 1, 2, 3, ... without gaps. */
  seq: number;
  /** Milliseconds since the epoch; never less than the previous entry's. */
  at: number;
  prevHash: string;
  hash: string;
}

export const AUDIT_PROBLEMS = ["altered", "removed", "reordered", "inserted", "forged"] as const;
export type AuditProblem = (typeof AUDIT_PROBLEMS)[number];

/** The newest entry of an intact log: keep `seq` and `hash` elsewhere to detect a truncated tail later. */
export interface AuditHead {
  seq: number;
  at: number;
  hash: string;
}

export type AuditVerification =
  | { ok: true; entries: number; last: AuditHead | null }
  | { ok: false; entries: number; firstBad: { seq: number; problem: AuditProblem; message: string } };

export function recordOf(row: AuditRow): AuditRecord {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    data: fromJson(row.data) as { [key: string]: Json },
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
