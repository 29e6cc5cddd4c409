/**
 * The security gate's decision for one image in one environment, pure: which findings of its
 * report the environment's policy blocks, which its allow-list lets through (until the end of
 * the day it names, UTC, by the injected clock's moment), and what a missing report means.
 */
import type { SecurityPolicy } from "../config/types.js";
import type { Finding, ScanFormat, Severity } from "./findings.js";
import { severityCounts } from "./findings.js";

/** A stored report as the gate reads it. */
export interface StoredReport {
  format: ScanFormat;
  tool: string;
  findings: Finding[];
  receivedAtMs: number;
}

export interface GateFinding {
  id: string;
  severity: Severity;
  title: string;
}

export interface AllowedFinding extends GateFinding {
  until: string;
  reason: string | null;
}

/**
 * clear: nothing the policy blocks; blocked: findings it blocks; unscanned: no report for the
 * digest (or no digest at all), refused only where the policy requires a report.
 */
export type ImageVerdict =
  | { verdict: "clear"; passes: true }
  | { verdict: "blocked"; passes: false }
  | { verdict: "unscanned"; passes: boolean };

export type ImageJudgement = ImageVerdict & {
  service: string;
  digest: string | null;
  report: { tool: string; format: ScanFormat; receivedAtMs: number; counts: Record<Severity, number> } | null;
  /** Findings of a blocked severity with no allow-list entry in force, most severe first. */
  blocking: GateFinding[];
  /** Findings of a blocked severity let through by an allow-list entry in force. */
  allowed: AllowedFinding[];
  /** Allow-list entries for findings of this report that ran out (they block again). */
  expired: { id: string; until: string }[];
};

const brief = (f: Finding): GateFinding => ({ id: f.id, severity: f.severity, title: f.title });

export function judgeImage(
  policy: SecurityPolicy,
  image: { service: string; digest: string | null },
  report: StoredReport | null,
  nowMs: number,
): ImageJudgement {
  const base = { service: image.service, digest: image.digest, blocking: [], allowed: [], expired: [] };
  if (report === null) return { ...base, report: null, verdict: "unscanned", passes: !policy.requireReport };
  const summary = {
    tool: report.tool,
    format: report.format,
    receivedAtMs: report.receivedAtMs,
    counts: severityCounts(report.findings),
  };
  const blocking: GateFinding[] = [];
  const allowed: AllowedFinding[] = [];
  const expired: { id: string; until: string }[] = [];
  for (const finding of report.findings) {
    if (!policy.block.includes(finding.severity)) continue;
    const entries = policy.allow.filter((a) => a.id === finding.id);
    const inForce = entries.find((a) => nowMs <= a.untilMs);
    if (inForce) {
      allowed.push({ ...brief(finding), until: inForce.until, reason: inForce.reason ?? null });
      continue;
    }
    blocking.push(brief(finding));
    for (const a of entries) expired.push({ id: a.id, until: a.until });
  }
  const verdict: ImageVerdict =
    blocking.length > 0 ? { verdict: "blocked", passes: false } : { verdict: "clear", passes: true };
  return { ...base, ...verdict, report: summary, blocking, allowed, expired };
}

/** How many findings a message names before it says "and N more". */
const NAMED = 5;

function findingText(f: GateFinding): string {
  return `${f.id} (${f.severity}${f.title ? `: ${f.title}` : ""})`;
}

/** "api@sha256:abc…: CVE-1 (CRITICAL: …), CVE-2 (HIGH) and 3 more" — one image the gate refuses, or null. */
export function refusalText(j: ImageJudgement, environment: string): string | null {
  const image = `${j.service}${j.digest ? `@${j.digest.slice(0, 19)}…` : ""}`;
  switch (j.verdict) {
    case "clear":
      return null;
    case "unscanned":
      if (j.passes) return null;
      return j.digest === null
        ? `${image} has no digest (registry: none), so no scan report can match it, and ${environment} requires one`
        : `${image} has no scan report (quikship ci scan-report), and ${environment} requires one`;
    case "blocked": {
      const named = j.blocking.slice(0, NAMED).map(findingText).join(", ");
      const more = j.blocking.length > NAMED ? ` and ${j.blocking.length - NAMED} more` : "";
      const expired = j.expired.length
        ? ` (allowed until ${j.expired.map((e) => `${e.until} for ${e.id}`).join(", ")}, expired)`
        : "";
      return `${image}: ${named}${more}${expired}`;
    }
  }
}

/** One line of what the gate let through for an image: "clear (Trivy: 0 critical, 2 high allowed until …)". */
export function passText(j: ImageJudgement): string {
  const allowed = j.allowed.map((a) => `${a.id} allowed until ${a.until}`).join(", ");
  switch (j.verdict) {
    case "clear": {
      const c = j.report?.counts;
      const counts = c ? `${c.CRITICAL} critical, ${c.HIGH} high, ${c.MEDIUM} medium, ${c.LOW} low` : "";
      return `${j.service}: clear (${j.report?.tool ?? "report"}: ${counts}${allowed ? `; ${allowed}` : ""})`;
    }
    case "unscanned":
      return `${j.service}: no scan report${j.digest === null ? " (no digest: registry none)" : ""}, not required here`;
    case "blocked":
      return `${j.service}: blocked`;
  }
}
