/**
 * A scan report in: SARIF 2.1.0 or Trivy JSON, told apart by their own top-level fields, reduced
 * to findings. Every refusal names where (`FILE: runs[0].results[3].level: …`). Pure.
 */
import { InputError } from "../errors.js";
import { MAX_FINDINGS, mergeHits } from "./findings.js";
import type { ScanReport } from "./findings.js";
import { sarifHits, looksLikeSarif } from "./sarif.js";
import { looksLikeTrivy, trivyHits } from "./trivy.js";
import { isObject, jsonSyntaxError, refuse } from "./walk.js";

function withSource(source: string, error: InputError): InputError {
  return new InputError(`${source}: ${error.message}`, {
    details: { source, ...(isObject(error.details) ? error.details : {}) },
    cause: error.cause,
  });
}

function reduce(doc: unknown): ScanReport {
  if (!isObject(doc))
    throw refuse("", "is not a scan report: expected a SARIF 2.1.0 log or a Trivy JSON report (an object)");
  if (looksLikeSarif(doc)) {
    const { tools, hits } = sarifHits(doc);
    return { format: "sarif", tool: tools.join(", ") || "unknown", findings: mergeHits(hits) };
  }
  if (looksLikeTrivy(doc)) return { format: "trivy", tool: "Trivy", findings: mergeHits(trivyHits(doc)) };
  throw refuse(
    "",
    "is neither a SARIF 2.1.0 log (version, runs) nor a Trivy JSON report (SchemaVersion, Results): write one with `trivy image --format sarif` or `--format json`",
  );
}

/** The findings of a parsed report document; `source` (a file name) starts every error message. */
export function parseScanReport(doc: unknown, source: string): ScanReport {
  let report: ScanReport;
  try {
    report = reduce(doc);
  } catch (error) {
    throw error instanceof InputError ? withSource(source, error) : error;
  }
  if (report.findings.length > MAX_FINDINGS)
    throw new InputError(
      `${source}: names ${report.findings.length} distinct findings; a report may hold at most ${MAX_FINDINGS} (scan with --severity to leave out the lowest)`,
      { details: { source, findings: report.findings.length } },
    );
  return report;
}

/** The findings of a report's text: JSON syntax errors located by line and column. */
export function readScanReport(text: string, source: string): ScanReport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw withSource(source, jsonSyntaxError(text, error instanceof Error ? error : new Error(String(error))));
  }
  return parseScanReport(doc, source);
}
