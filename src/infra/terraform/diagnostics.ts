import * as z from "zod";

/**
 * Terraform's diagnostics as its machine-readable output gives them (the `diagnostic` object of the
 * JSON UI stream and of `validate -json`): severity, summary, detail and, when terraform knows it,
 * the place in the module.
 */
export const diagnosticSchema = z.object({
  severity: z.enum(["error", "warning"]),
  summary: z.string(),
  detail: z.string().default(""),
  address: z.string().optional(),
  range: z
    .object({
      filename: z.string(),
      start: z.object({ line: z.number(), column: z.number() }),
    })
    .optional(),
});

export interface Diagnostic {
  severity: "error" | "warning";
  summary: string;
  detail: string;
  /** The resource the diagnostic is about, when terraform names one. */
  address: string | undefined;
  /** Where in the module, when terraform knows: the file relative to the working directory. */
  location: { file: string; line: number; column: number } | undefined;
}

export function toDiagnostic(raw: z.output<typeof diagnosticSchema>): Diagnostic {
  return {
    severity: raw.severity,
    summary: raw.summary.trim(),
    detail: raw.detail.trim(),
    address: raw.address,
    location: raw.range && { file: raw.range.filename, line: raw.range.start.line, column: raw.range.start.column },
  };
}

/** `main.tf:6:18: error: Invalid expression: Expected the start of an expression…` — one line a person can act on. */
export function formatDiagnostic(d: Diagnostic): string {
  const place = d.location ? `${d.location.file}:${d.location.line}:${d.location.column}: ` : "";
  const about = d.address ? ` (${d.address})` : "";
  const detail = d.detail ? `: ${d.detail.split("\n")[0]}` : "";
  return `${place}${d.severity}: ${d.summary}${about}${detail}`;
}
