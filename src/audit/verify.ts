/**
 * Verifying the audit log in the database: read in seq order, a page at a time, and checked by
 * the pure chain (chain.ts) and, on a server holding the audit key, against the signed
 * checkpoints of the database and the sink (checkpoint-check.ts).
 */
import { auditPage } from "../store/audit/page.js";
import { checkpointPage } from "../store/audit/checkpoints.js";
import { findAuditByHash } from "../store/audit/find-by-hash.js";
import type { Db, Queryable } from "../store/db.js";
import { checkpointOf } from "./anchor.js";
import type { AuditKey, Checkpoint } from "./anchor.js";
import { verifyChain } from "./chain.js";
import type { Finding, VerifyOptions } from "./chain.js";
import { ANCHOR_OFF, CheckpointCheck } from "./checkpoint-check.js";
import type { AnchorReport } from "./checkpoint-check.js";
import { recordOf } from "./entry.js";
import type { AuditRecord, AuditVerification } from "./entry.js";
import { readSink } from "./sink.js";

const PAGE_SIZE = 1000;

/** The audit key and where its checkpoints are copied: what a server anchors its log with. */
export interface AuditAnchor {
  key: AuditKey;
  sinkPath: string;
}

export type AnchoredVerification = AuditVerification & { anchor: AnchorReport };

/**
 * Recomputes the chain from the first entry to the last and checks it against the signed
 * checkpoints; names the first entry altered, removed, reordered, inserted or forged.
 */
export async function verifyAudit(
  db: Db,
  options: VerifyOptions & { anchor?: AuditAnchor | undefined } = {},
): Promise<AnchoredVerification> {
  const findByHash = async (hash: string): Promise<AuditRecord | undefined> => {
    const row = await findAuditByHash(db.kysely, hash);
    return row === undefined ? undefined : recordOf(row);
  };
  const { anchor } = options;
  if (anchor === undefined)
    return { ...(await verifyChain(pages(db.kysely), findByHash, options)), anchor: ANCHOR_OFF };
  const sink = readSink(anchor.sinkPath);
  const check = new CheckpointCheck(anchor.key, {
    database: await allCheckpoints(db.kysely),
    sink: sink.checkpoints,
    sinkBadLines: sink.badLines,
  });
  const chain = await verifyChain(watched(pages(db.kysely), check), findByHash, options);
  const { finding, report } = check.result();
  return { ...earliest(chain, finding), anchor: report };
}

function earliest(chain: AuditVerification, finding: Finding | undefined): AuditVerification {
  if (finding === undefined) return chain;
  if (!chain.ok && chain.firstBad.seq <= finding.seq) return chain;
  return { ok: false, entries: chain.entries, firstBad: finding };
}

async function* watched(records: AsyncIterable<AuditRecord>, check: CheckpointCheck): AsyncGenerator<AuditRecord> {
  for await (const record of records) {
    check.see(record);
    yield record;
  }
}

async function allCheckpoints(db: Queryable): Promise<Checkpoint[]> {
  const out: Checkpoint[] = [];
  for (let after = 0; ;) {
    const rows = await checkpointPage(db, after, PAGE_SIZE);
    out.push(...rows.map(checkpointOf));
    if (rows.length < PAGE_SIZE) return out;
    after = rows[rows.length - 1]!.seq;
  }
}

async function* pages(db: Queryable): AsyncGenerator<AuditRecord> {
  for (let after = 0; ;) {
    const rows = await auditPage(db, after, PAGE_SIZE);
    for (const row of rows) yield recordOf(row);
    if (rows.length < PAGE_SIZE) return;
    after = rows[rows.length - 1]!.seq;
  }
}
