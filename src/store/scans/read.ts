import type { Finding, ScanFormat } from "../../security/findings.js";
import { SCAN_FORMATS } from "../../security/findings.js";
import { InternalError } from "../../errors.js";
import type { Queryable } from "../db.js";
import { fromJson } from "../json.js";
import type { JsonText } from "../json.js";

export interface ScanReportRecord {
  service: string;
  digest: string;
  format: ScanFormat;
  tool: string;
  findings: Finding[];
  actor: string;
  receivedAtMs: number;
}

function formatOf(text: string): ScanFormat {
  const format = SCAN_FORMATS.find((f) => f === text);
  if (!format) throw new InternalError(`scan_reports holds an unknown format "${text}"`);
  return format;
}

/** The reports of these digests of a service, by digest (a digest with none is absent). */
export async function findScanReports(
  db: Queryable,
  service: string,
  digests: readonly string[],
): Promise<Map<string, ScanReportRecord>> {
  if (digests.length === 0) return new Map();
  const rows = await db
    .selectFrom("scan_reports")
    .selectAll()
    .where("service", "=", service)
    .where("digest", "in", [...digests])
    .execute();
  return new Map(
    rows.map((r) => [
      r.digest,
      {
        service: r.service,
        digest: r.digest,
        format: formatOf(r.format),
        tool: r.tool,
        findings: fromJson(r.findings as JsonText<Finding[]>),
        actor: r.actor,
        receivedAtMs: Number(r.received_at),
      },
    ]),
  );
}

/** The report of one digest of a service, or null. */
export async function findScanReport(db: Queryable, service: string, digest: string): Promise<ScanReportRecord | null> {
  return (await findScanReports(db, service, [digest])).get(digest) ?? null;
}
