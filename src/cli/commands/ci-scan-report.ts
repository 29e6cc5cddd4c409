/**
 * `quikship ci scan-report`: reads a scanner's report (SARIF 2.1.0 or Trivy JSON), refuses a
 * malformed one naming the file and the JSON path, and stores its findings for the image digest
 * (POST /v1/scan-reports), where the environments' security gates read them.
 */
import { readFileSync } from "node:fs";
import type { ScanReportResult } from "../../api/scan-schemas.js";
import { InputError, UsageError } from "../../errors.js";
import { readScanReport } from "../../security/report.js";
import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit } from "../output.js";

export interface ScanReportOptions extends ClientOptions {
  service?: string;
  digest?: string;
  tag?: string;
}

function resultText(result: ScanReportResult): string {
  const lines = [result.message];
  for (const f of result.report.findings.filter((x) => x.severity === "CRITICAL" || x.severity === "HIGH").slice(0, 10))
    lines.push(`  ${f.severity.padEnd(8)} ${f.id}${f.title ? `  ${f.title}` : ""}`);
  return lines.join("\n");
}

export async function ciScanReport(file: string, options: ScanReportOptions): Promise<number> {
  if (options.service === undefined) throw new UsageError("give --service, the service whose image was scanned");
  if ((options.digest === undefined) === (options.tag === undefined))
    throw new UsageError("give exactly one of --digest and --tag, the image that was scanned");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(`cannot read the scan report ${file}: ${(error as Error).message}`, { cause: error });
  }
  const report = readScanReport(text, file);
  const result = await clientFor(options).post<ScanReportResult>("/v1/scan-reports", {
    service: options.service,
    ...(options.digest !== undefined ? { digest: options.digest } : { tag: options.tag }),
    format: report.format,
    tool: report.tool,
    findings: report.findings,
  });
  emit(options, result, resultText);
  return 0;
}
