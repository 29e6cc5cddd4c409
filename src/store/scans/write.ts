import type { Finding, ScanFormat } from "../../security/findings.js";
import type { Queryable } from "../db.js";
import { toJson } from "../json.js";

export interface NewScanReport {
  service: string;
  digest: string;
  format: ScanFormat;
  tool: string;
  findings: Finding[];
  actor: string;
  receivedAtMs: number;
}

/** Stores a digest's report; the newest report of a digest replaces the one before (a rescan). */
export async function saveScanReport(tx: Queryable, r: NewScanReport): Promise<void> {
  const row = {
    format: r.format,
    tool: r.tool,
    findings: toJson(r.findings),
    actor: r.actor,
    received_at: r.receivedAtMs,
  };
  await tx
    .insertInto("scan_reports")
    .values({ service: r.service, digest: r.digest, ...row })
    .onConflict((oc) => oc.columns(["service", "digest"]).doUpdateSet(row))
    .execute();
}
