import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as z from "zod";
import { InputError } from "../../errors.js";
import { collectResults, describeResults } from "../../results/collect.js";
import type { TestResults } from "../../results/collect.js";
import { recordRevisionTest } from "../../store/revisions/tests.js";
import type { Json } from "../types.js";
import { StepFailure } from "./handler.js";
import type { StepContext, StepHandler } from "./handler.js";
import { describeExit, runCommand } from "./script.js";

/** One test of an environment, after a rollout: its command, and the revisions its outcome is kept with. */
export const testParams = z.object({
  name: z.string(),
  kind: z.string(),
  command: z.union([z.string(), z.array(z.string()).min(1)]),
  cwd: z.string(),
  environment: z.string(),
  timeoutMs: z.number().int().positive(),
  required: z.boolean(),
  /** The train's revision steps: the outcome is kept with each revision they recorded. */
  revisionSteps: z.array(z.string()),
});
export type TestParams = z.infer<typeof testParams>;

/** A test keeps no state between attempts: it runs again whole. */
export const testState = z.null();

export const testOutput = z.object({
  name: z.string(),
  passed: z.boolean(),
  required: z.boolean(),
  /** The exit code, or the signal that ended the command. */
  exit: z.union([z.number(), z.string()]),
  summary: z.string(),
  results: z.custom<TestResults>(),
});
export type TestOutput = z.infer<typeof testOutput>;

/**
 * Runs one of the environment's tests with `QUIKSHIP_RESULTS_DIR` set to a fresh directory,
 * reads the JUnit reports and load summaries the test left there, keeps the outcome with the
 * revisions the train rolled out, and fails when a required test failed (the stage's
 * compensation moves the train back, unless the environment keeps it).
 */
export const testStep: StepHandler = {
  kind: "test",
  run: async (ctx, params) => {
    const parsed = testParams.safeParse(params);
    if (!parsed.success) throw new InputError(`test step parameters: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    const p = parsed.data;
    const dir = await mkdtemp(join(tmpdir(), "quikship-results-"));
    try {
      const run = await runCommand(ctx, p, { QUIKSHIP_RESULTS_DIR: dir, QUIKSHIP_TEST: p.name });
      const results = await collectResults(dir);
      const output = outcome(p, run.code, results);
      await report(ctx, p, output);
      await keep(ctx, p, output);
      if (!output.passed && p.required) {
        throw new StepFailure(`${p.name} (${p.kind} test) failed in ${p.environment}: ${output.summary}`, {
          details: { tail: run.tail, test: output as unknown as Json },
        });
      }
      return { outcome: "done", output: output as unknown as Json };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

function outcome(p: TestParams, code: number | string, results: TestResults): TestOutput {
  const failedCases = results.junit ? results.junit.failures + results.junit.errors : 0;
  const crossed = results.load?.failedThresholds.length ?? 0;
  const passed = code === 0 && failedCases === 0 && crossed === 0;
  const exit = code === 0 ? (passed ? "passed" : "exited with 0") : describeExit({ code, tail: [] }, p.timeoutMs);
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
    const out = ctx.outputOf(key) as { revision?: unknown } | null;
    const service = key.split("/").at(-1)!;
    return typeof out?.revision === "number" ? [{ environment: p.environment, service, number: out.revision }] : [];
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
