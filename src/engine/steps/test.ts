import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as z from "zod";
import { collectResults, describeResults } from "../../results/collect.js";
import type { TestResults } from "../../results/collect.js";
import { testResultsSchema } from "../../results/schema.js";
import { recordRevisionTest } from "../../store/revisions/tests.js";
import { defineStep, NO_STATE } from "./contract.js";
import type { TypedStepContext } from "./contract.js";
import { StepFailure } from "./handler.js";
import { stepKey } from "./names.js";
import { revisionStep } from "./revision.js";
import { describeExit, runCommand, scriptParams } from "./script.js";

/** One test of an environment, after a rollout: its command, and the revisions its outcome is kept with. */
export const testParams = scriptParams.omit({ service: true }).extend({
  kind: z.string(),
  required: z.boolean(),
  /** The train's revision steps: the outcome is kept with each revision they recorded. */
  revisionSteps: z.array(stepKey),
});
export type TestParams = z.output<typeof testParams>;

export const testOutput = z.strictObject({
  name: z.string(),
  passed: z.boolean(),
  required: z.boolean(),
  /** The exit code, or the signal that ended the command. */
  exit: z.union([z.number(), z.string()]),
  summary: z.string(),
  results: testResultsSchema,
});
export type TestOutput = z.output<typeof testOutput>;

type StepContext = TypedStepContext<null>;

/**
 * Runs one of the environment's tests with `QUIKSHIP_RESULTS_DIR` set to a fresh directory,
 * reads the JUnit reports and load summaries the test left there, keeps the outcome with the
 * revisions the train rolled out, and fails when a required test failed (the stage's
 * compensation moves the train back, unless the environment keeps it). A test keeps no state
 * between attempts: it runs again whole.
 */
export const testStep = defineStep({
  kind: "test",
  params: testParams,
  state: NO_STATE,
  output: testOutput,
}).handledBy(async (ctx, p) => {
  const dir = await mkdtemp(join(tmpdir(), "quikship-results-"));
  try {
    const run = await runCommand(ctx, p, { QUIKSHIP_RESULTS_DIR: dir, QUIKSHIP_TEST: p.name });
    const output = outcome(p, run.code, await collectResults(dir));
    await report(ctx, p, output);
    await keep(ctx, p, output);
    if (!output.passed && p.required) {
      throw new StepFailure(`${p.name} (${p.kind} test) failed in ${p.environment}: ${output.summary}`, {
        details: { tail: run.tail, test: output },
      });
    }
    return { outcome: "done", output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

function outcome(p: TestParams, code: number | string, results: TestResults): TestOutput {
  const failedCases = results.junit ? results.junit.failures + results.junit.errors : 0;
  const crossed = results.load?.failedThresholds.length ?? 0;
  const passed = code === 0 && failedCases === 0 && crossed === 0;
  const exit = code === 0 ? (passed ? "passed" : "exited with 0") : describeExit(code, p.timeoutMs);
  const figures = describeResults(results);
  const first = results.junit?.failed[0];
  const why = first ? `; first failure: ${first.suite ? `${first.suite} › ` : ""}${first.name}: ${first.message}` : "";
  return {
    name: p.name,
    passed,
    required: p.required,
    exit: code,
    summary: `${exit}${figures ? `; ${figures}` : ""}${passed ? "" : why}`,
    results,
  };
}

async function report(ctx: StepContext, p: TestParams, output: TestOutput): Promise<void> {
  const verdict = output.passed ? "passed" : p.required ? "FAILED" : "failed (not required: the run goes on)";
  await ctx.log(`test ${p.name} ${verdict}${output.summary === "passed" ? "" : `: ${output.summary}`}`);
  for (const f of output.results.junit?.failed.slice(0, 5) ?? [])
    await ctx.log(`  ${f.kind} ${f.suite ? `${f.suite} › ` : ""}${f.name}: ${f.message}`);
  for (const problem of output.results.problems) await ctx.log(`  results: ${problem}`);
}

/** The outcome goes with each revision the train recorded, so a later promotion can read it. */
async function keep(ctx: StepContext, p: TestParams, output: TestOutput): Promise<void> {
  const revisions = p.revisionSteps.flatMap((key) => {
    const out = ctx.outputOf(revisionStep, key);
    const service = key.split("/").at(-1)!;
    return out ? [{ environment: p.environment, service, number: out.revision }] : [];
  });
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    for (const revision of revisions)
      await recordRevisionTest(tx, revision, p.name, {
        passed: output.passed,
        required: p.required,
        kind: p.kind,
        runId: ctx.runId,
        at,
        summary: output.summary,
      });
  });
}
