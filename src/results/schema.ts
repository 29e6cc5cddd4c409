import * as z from "zod";
import type { TestResults } from "./collect.js";
import type { JunitResults } from "./junit.js";
import type { LoadSummary } from "./k6.js";

const junitResults = z.strictObject({
  tests: z.int().min(0),
  passed: z.int(),
  failures: z.int().min(0),
  errors: z.int().min(0),
  skipped: z.int().min(0),
  timeMs: z.number().nullable(),
  failed: z.array(
    z.strictObject({
      suite: z.string(),
      name: z.string(),
      kind: z.enum(["failure", "error"]),
      message: z.string(),
    }),
  ),
}) satisfies z.ZodType<JunitResults>;

const figure = z.number().nullable();
const loadSummary = z.strictObject({
  requests: figure,
  requestsPerSecond: figure,
  p95Ms: figure,
  p99Ms: figure,
  errorRatePercent: figure,
  failedThresholds: z.array(z.string()),
}) satisfies z.ZodType<LoadSummary>;

/** What a test step keeps of its results directory (the shape of `TestResults`), as the API shows it. */
export const testResultsSchema = z.strictObject({
  junit: junitResults.nullable(),
  load: loadSummary.nullable(),
  files: z.array(z.string()),
  problems: z.array(z.string()),
}) satisfies z.ZodType<TestResults>;
