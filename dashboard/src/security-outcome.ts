/** A security gate's judgement on the run page: pure, so it is tested without a browser. */
import type { RunView, SecurityOutcome, StepView } from "./types.ts";

function isSecurityOutcome(value: unknown): value is SecurityOutcome {
  return typeof value === "object" && value !== null && "images" in value && "policy" in value;
}

/** A security step's judgement: its output when it passed, the failure's details when it refused. */
export function securityOutcomeOf(step: StepView): SecurityOutcome | null {
  if (step.kind !== "security") return null;
  if (isSecurityOutcome(step.output)) return step.output;
  const details = step.error?.details;
  const fromError = typeof details === "object" && details !== null && "security" in details ? details.security : null;
  return isSecurityOutcome(fromError) ? fromError : null;
}

export interface ImageRow {
  key: string;
  environment: string;
  service: string;
  digest: string;
  verdict: "clear" | "blocked" | "unscanned";
  /** "blocked by CVE-1 (CRITICAL), CVE-2 (HIGH)", "2 critical, 0 high (Trivy)", "no scan report (required here)". */
  text: string;
  /** "CVE-3 (HIGH) allowed until 2026-12-31: no fix yet". */
  allowed: string[];
}

/** One row per image every security gate of the run judged. */
export function securityRows(run: RunView): ImageRow[] {
  return run.stages.flatMap((stage) =>
    stage.steps.flatMap((step) => {
      const outcome = securityOutcomeOf(step);
      if (!outcome) return [];
      return outcome.images.map((j): ImageRow => {
        const c = j.report?.counts;
        const text =
          j.verdict === "blocked"
            ? `blocked by ${j.blocking.map((f) => `${f.id} (${f.severity})`).join(", ")}`
            : j.verdict === "unscanned"
              ? `no scan report (${j.passes ? "not required here" : "required here"})`
              : `${c?.CRITICAL ?? 0} critical, ${c?.HIGH ?? 0} high, ${c?.MEDIUM ?? 0} medium (${j.report?.tool ?? "no report"})`;
        return {
          key: `${step.key}/${j.service}`,
          environment: outcome.environment,
          service: j.service,
          digest: j.digest ? `${j.digest.slice(0, 19)}…` : "no digest",
          verdict: j.verdict,
          text,
          allowed: j.allowed.map(
            (a) => `${a.id} (${a.severity}) allowed until ${a.until}${a.reason ? `: ${a.reason}` : ""}`,
          ),
        };
      });
    }),
  );
}
