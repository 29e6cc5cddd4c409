/**
 * A scan finding as quikship keeps it, whatever format the report came in: one entry per finding id
 * (a CVE, a SARIF rule id), its highest severity, a title and where it was found.
 */
import * as z from "zod";
import { SEVERITIES } from "../config/schema/artifacts.js";
import type { Severity } from "../config/types.js";

export { SEVERITIES };
export type { Severity };

/** Distinct findings one report may carry (the API's limit on items of one array). */
export const MAX_FINDINGS = 1000;
/** Places kept per finding; the rest are counted in `more`. */
export const MAX_LOCATIONS = 5;

export const SCAN_FORMATS = ["sarif", "trivy"] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

export const scanFinding = z
  .strictObject({
    id: z.string().min(1).max(256).describe("The finding's id as the report names it: CVE-2024-1234, a SARIF rule id."),
    severity: z.enum(SEVERITIES).describe("The highest severity the report gives it."),
    title: z.string().max(2000).describe("What it is, from the report (may be empty)."),
    locations: z
      .array(z.string().max(2000))
      .max(MAX_LOCATIONS)
      .describe("Where it was found: `target: package version` (Trivy), `uri:line` (SARIF)."),
    more: z.int().min(0).describe("Further places not listed in locations."),
  })
  .describe("One finding of a scan report, merged over every place the report names it.");
export type Finding = z.output<typeof scanFinding>;

/** A report reduced to what the gate needs. */
export interface ScanReport {
  format: ScanFormat;
  /** The tool that produced it, as the report names it ("Trivy"). */
  tool: string;
  findings: Finding[];
}

const RANK: Record<Severity, number> = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1, UNKNOWN: 0 };

/** The more severe of two severities. */
export function worse(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Findings most severe first, then by id: the order reports, errors and the gate list them in. */
export function bySeverity(a: Finding, b: Finding): number {
  return RANK[b.severity] - RANK[a.severity] || a.id.localeCompare(b.id);
}

/** Counts per severity, every severity present (0 when none). */
export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** One raw hit of a report, before hits of the same id are merged. */
export interface Hit {
  id: string;
  severity: Severity;
  title: string;
  location: string | undefined;
}

/** Merges hits by id (highest severity, first title, distinct places), most severe first. */
export function mergeHits(hits: readonly Hit[]): Finding[] {
  const byId = new Map<string, Finding & { seen: Set<string> }>();
  for (const hit of hits) {
    let f = byId.get(hit.id);
    if (!f) {
      const title = clip(hit.title);
      f = { id: hit.id, severity: hit.severity, title, locations: [], more: 0, seen: new Set() };
      byId.set(hit.id, f);
    }
    f.severity = worse(f.severity, hit.severity);
    if (f.title === "") f.title = clip(hit.title);
    if (hit.location === undefined || f.seen.has(hit.location)) continue;
    f.seen.add(hit.location);
    if (f.locations.length < MAX_LOCATIONS) f.locations.push(clip(hit.location));
    else f.more += 1;
  }
  return [...byId.values()].map(({ seen: _seen, ...f }) => f).sort(bySeverity);
}

const MAX_TEXT = 300;

function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}
