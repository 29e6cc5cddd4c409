import type { Queryable } from "../db.js";
import { fromJson } from "../json.js";

export interface ScanSummary {
  tool: string;
  format: string;
  receivedAt: number;
  /** Findings per severity. */
  counts: Record<string, number>;
}

/** The newest scan report of a digest, counted by severity; undefined when none was received. */
export async function scanSummary(db: Queryable, service: string, digest: string): Promise<ScanSummary | undefined> {
  const row = await db
    .selectFrom("scan_reports")
    .selectAll()
    .where("service", "=", service)
    .where("digest", "=", digest)
    .executeTakeFirst();
  if (!row) return undefined;
  const findings = fromJson(row.findings);
  const counts: Record<string, number> = {};
  const list: unknown[] = Array.isArray(findings) ? findings : [];
  for (const f of list) {
    const given = typeof f === "object" && f !== null ? (f as { severity?: unknown }).severity : undefined;
    const severity = typeof given === "string" ? given : "UNKNOWN";
    counts[severity] = (counts[severity] ?? 0) + 1;
  }
  return { tool: row.tool, format: row.format, receivedAt: row.received_at, counts };
}
