import type { StepView } from "../engine/types.js";
import type { SecurityOutput } from "../engine/steps/security.js";
import { isKind } from "../kind.js";

/** A security step's judgement, from its output (passed) or its error's details (refused). */
export function securityOutcome(step: StepView): SecurityOutput | undefined {
  if (!isKind(step, "security")) return undefined;
  const details = step.error?.details as { security?: SecurityOutput } | undefined;
  const output = (step.output ?? details?.security) as SecurityOutput | null | undefined;
  return output && typeof output === "object" && "images" in output ? output : undefined;
}

function imageLine(j: SecurityOutput["images"][number]): string {
  const digest = j.digest ? `@${j.digest.slice(0, 19)}…` : "";
  switch (j.verdict) {
    case "blocked":
      return `${j.service}${digest}: blocked by ${j.blocking.map((f) => `${f.id} (${f.severity})`).join(", ")}`;
    case "unscanned":
      return `${j.service}${digest}: no scan report${j.passes ? " (not required here)" : " (required here)"}`;
    case "clear": {
      const c = j.report?.counts;
      return `${j.service}${digest}: clear${c ? ` (${j.report?.tool}: ${c.CRITICAL ?? 0} critical, ${c.HIGH ?? 0} high)` : ""}`;
    }
  }
}

/** Lines under a security step in `quikship run`: each image's verdict, and what the allow-list let through. */
export function securityLines(step: StepView, indent = "      "): string[] {
  const outcome = securityOutcome(step);
  if (!outcome) return [];
  return outcome.images.flatMap((j) => [
    `${indent}${imageLine(j)}`,
    ...j.allowed.map(
      (a) => `${indent}  ${a.id} (${a.severity}) allowed until ${a.until}${a.reason ? `: ${a.reason}` : ""}`,
    ),
  ]);
}
