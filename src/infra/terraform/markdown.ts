import type { Diagnostic } from "./diagnostics.js";
import { formatDiagnostic } from "./diagnostics.js";
import type { PlanSummary, ResourceAction } from "./changes.js";

/**
 * A plan as Markdown fit for a pull-request comment: the counts, one table row per resource, the
 * outputs (a sensitive one only named), drift found by the plan's refresh, and terraform's warnings.
 * Built from a summary of the redacted plan, so it holds no sensitive value.
 */
export interface PlanMarkdownInput {
  environment: string;
  summary: PlanSummary;
  /** The module revision the plan is of (a commit), when known. */
  revision?: string;
  diagnostics?: readonly Diagnostic[];
}

const SYMBOL: Record<ResourceAction, string> = {
  create: "➕ create",
  update: "✏️ update",
  replace: "♻️ replace",
  delete: "🗑️ delete",
  read: "📖 read",
  forget: "👋 forget",
  import: "📥 import",
  move: "➡️ move",
};

/** An address as a code span that cannot break the table (`|` escaped; a backtick widens the fence). */
function code(text: string): string {
  const escaped = text.replace(/\|/g, "\\|");
  return escaped.includes("`") ? `\`\` ${escaped} \`\`` : `\`${escaped}\``;
}

function countsLine(s: PlanSummary): string {
  const imports = s.import > 0 ? `, ${s.import} to import` : "";
  return `**${s.add} to add, ${s.change} to change, ${s.destroy} to destroy${imports}.**`;
}

function resourceTable(s: PlanSummary): string[] {
  if (s.resources.length === 0) return [];
  return [
    "",
    "| action | resource |",
    "| --- | --- |",
    ...s.resources.map((r) => {
      const from = r.previousAddress && r.action === "move" ? ` (from ${code(r.previousAddress)})` : "";
      return `| ${SYMBOL[r.action]} | ${code(r.address)}${from} |`;
    }),
  ];
}

function outputLines(s: PlanSummary): string[] {
  if (s.outputs.length === 0) return [];
  return [
    "",
    "<details><summary>Outputs</summary>",
    "",
    ...s.outputs.map((o) => `- ${code(o.name)}: ${o.action}${o.sensitive ? " (sensitive)" : ""}`),
    "",
    "</details>",
  ];
}

export function planMarkdown(input: PlanMarkdownInput): string {
  const { environment, summary: s } = input;
  const of = input.revision ? ` of ${code(input.revision)}` : "";
  const lines = [`### Terraform plan for ${code(environment)}${of}`, ""];
  if (s.errored) lines.push("> [!CAUTION]", "> The plan errored: what follows is incomplete.", "");
  lines.push(s.hasChanges ? countsLine(s) : "**No changes.** The infrastructure matches the configuration.");
  lines.push(...resourceTable(s), ...outputLines(s));
  if (s.drift.length > 0)
    lines.push("", "**Changed outside Terraform:**", "", ...s.drift.map((d) => `- ${code(d.address)}: ${d.action}`));
  const warnings = (input.diagnostics ?? []).filter((d) => d.severity === "warning");
  if (warnings.length > 0) lines.push("", "**Warnings:**", "", ...warnings.map((w) => `- ${formatDiagnostic(w)}`));
  return `${lines.join("\n")}\n`;
}
