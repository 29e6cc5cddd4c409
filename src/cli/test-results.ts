import type { StepView } from "../engine/types.js";
import type { TestOutput } from "../engine/steps/test.js";
import { isKind } from "../kind.js";

/** A test step's outcome, from its output (passed, or not required) or its error (failed): summary and failures. */
export function testOutcome(step: StepView): TestOutput | undefined {
  if (!isKind(step, "test")) return undefined;
  const details = step.error?.details as { test?: TestOutput } | undefined;
  const output = (step.output ?? details?.test) as TestOutput | null | undefined;
  return output && typeof output === "object" && "summary" in output ? output : undefined;
}

/** Lines under a test step in `quikship run`: the counts and figures, then the failing cases. */
export function testResultLines(step: StepView, indent = "      "): string[] {
  const outcome = testOutcome(step);
  if (!outcome) return [];
  const lines = [`${indent}${outcome.passed ? "passed" : "failed"}: ${outcome.summary}`];
  for (const f of outcome.results.junit?.failed.slice(0, 5) ?? [])
    lines.push(`${indent}${f.kind} ${f.suite ? `${f.suite} › ` : ""}${f.name}: ${f.message}`);
  return lines;
}
