import type { StepView } from "../engine/types.js";
import { isKind } from "../kind.js";
import { shortDigest } from "./output.js";

interface PrunedTag {
  tag: string;
  digest: string;
  reasons?: string[];
}

function tagsOf(value: unknown): PrunedTag[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown): PrunedTag[] => {
    if (typeof v !== "object" || v === null) return [];
    const t = v as Record<string, unknown>;
    if (typeof t.tag !== "string" || typeof t.digest !== "string") return [];
    const reasons = Array.isArray(t.reasons) ? t.reasons.filter((r): r is string => typeof r === "string") : undefined;
    return [{ tag: t.tag, digest: t.digest, ...(reasons ? { reasons } : {}) }];
  });
}

/**
 * What a `registry-prune` step deleted and kept, one line per tag:
 * `deleted  t01  sha256:0123456789ab` and `kept     t05  sha256:…  runs in dev (revision 5)`.
 */
export function pruneResultLines(step: StepView, indent: string): string[] {
  if (!isKind(step, "registry-prune") || typeof step.output !== "object" || step.output === null) return [];
  const output = step.output as Record<string, unknown>;
  const verb = output.dryRun === true ? "would delete" : "deleted";
  const width = Math.max(verb.length, "kept".length);
  const line = (action: string, t: PrunedTag) =>
    `${indent}${action.padEnd(width)}  ${t.tag}  ${shortDigest(t.digest)}${t.reasons ? `  ${t.reasons.join("; ")}` : ""}`;
  return [...tagsOf(output.deleted).map((t) => line(verb, t)), ...tagsOf(output.kept).map((t) => line("kept", t))];
}
