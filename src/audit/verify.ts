/**
 * Verifying the audit log in the database: read in seq order, a page at a time, and checked by
 * the pure chain (chain.ts).
 */
import { auditPage } from "../store/audit/page.js";
import { findAuditByHash } from "../store/audit/find-by-hash.js";
import type { Db, Queryable } from "../store/db.js";
import { verifyChain } from "./chain.js";
import type { VerifyOptions } from "./chain.js";
import { recordOf } from "./entry.js";
import type { AuditRecord, AuditVerification } from "./entry.js";

const PAGE_SIZE = 1000;

/** Recomputes the chain from the first entry to the last; names the first entry altered, removed, reordered or inserted. */
export async function verifyAudit(db: Db, options: VerifyOptions = {}): Promise<AuditVerification> {
  const findByHash = async (hash: string): Promise<AuditRecord | undefined> => {
    const row = await findAuditByHash(db.kysely, hash);
    return row === undefined ? undefined : recordOf(row);
  };
  return verifyChain(pages(db.kysely), findByHash, options);
}

async function* pages(db: Queryable): AsyncGenerator<AuditRecord> {
  for (let after = 0; ;) {
    const rows = await auditPage(db, after, PAGE_SIZE);
    for (const row of rows) yield recordOf(row);
    if (rows.length < PAGE_SIZE) return;
    after = rows[rows.length - 1]!.seq;
  }
}
