/**
 * Schemas of scan reports: what `quikship ci scan-report` posts (findings already reduced from a
 * SARIF or Trivy report, see src/security/report.ts) and what is stored per image digest.
 */
import * as z from "zod";
import { MAX_FINDINGS, SCAN_FORMATS, SEVERITIES, scanFinding } from "../security/findings.js";

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export const scanReportRequest = z
  .strictObject({
    service: z.string().trim().min(1).max(200).describe("The service whose image was scanned."),
    digest: z
      .string()
      .regex(DIGEST, "an image digest: sha256: and 64 hexadecimal digits")
      .optional()
      .describe("The scanned image's digest. Give this or tag."),
    tag: z
      .string()
      .regex(IMAGE_TAG, "an image tag: letters, digits, '.', '_', '-'; at most 128")
      .optional()
      .describe("The scanned image's tag, resolved to its digest at the registry now. Give this or digest."),
    format: z.enum(SCAN_FORMATS).describe("The format the report came in."),
    tool: z.string().trim().min(1).max(200).describe('The scanner, as the report names it ("Trivy").'),
    findings: z.array(scanFinding).max(MAX_FINDINGS).describe("The report's findings, one per finding id."),
  })
  .superRefine((body, ctx) => {
    if ((body.digest === undefined) === (body.tag === undefined))
      ctx.addIssue({
        code: "custom",
        path: [body.digest === undefined ? "digest" : "tag"],
        message: "give exactly one of digest and tag",
      });
  })
  .describe("A scan report of one image: the newest report of a digest replaces the one before.");
export type ScanReportRequest = z.output<typeof scanReportRequest>;

export const scanReportView = z
  .object({
    service: z.string(),
    digest: z.string(),
    format: z.enum(SCAN_FORMATS),
    tool: z.string(),
    counts: z.record(z.enum(SEVERITIES), z.int()).describe("Findings per severity."),
    findings: z.array(scanFinding).describe("Most severe first."),
    actor: z.string().describe("Who posted it."),
    receivedAt: z.number().describe("When it was stored (ms since the epoch)."),
  })
  .describe("The scan report stored for an image digest.");
export type ScanReportView = z.output<typeof scanReportView>;

export const scanReportResult = z.object({
  report: scanReportView,
  /** Set when the report named the image by tag. */
  resolvedFrom: z.string().nullable().describe("The tag the digest was resolved from, when the report named a tag."),
  message: z.string(),
});
export type ScanReportResult = z.output<typeof scanReportResult>;

export const scanReportQuery = z.strictObject({
  service: z.string().trim().min(1).max(200).describe("The service."),
  digest: z.string().regex(DIGEST, "an image digest: sha256: and 64 hexadecimal digits").describe("The image digest."),
});
