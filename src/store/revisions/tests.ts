import type { Queryable } from "../db.js";
import { type RevisionKey, updateRevisionDetail } from "./detail.js";

/** How one test of an environment went on a revision: kept in the revision's detail, under `tests`. */
export interface RevisionTestOutcome {
  passed: boolean;
  required: boolean;
  kind: string;
  runId: string;
  at: number;
  /** "12 tests: 10 passed, 2 failed; p95 120 ms" or the exit status when the test wrote no results. */
  summary: string;
}

export type RevisionTests = Record<string, RevisionTestOutcome>;

/** A revision as a promotion's source check reads it. */
export interface TestedRevision {
  service: string;
  tag: string;
  number: number;
  tests: RevisionTests;
}

/** The test outcomes a revision's detail holds; none for a revision no test ran on. */
export function revisionTests(detail: unknown): RevisionTests {
  if (typeof detail !== "object" || detail === null || !("tests" in detail)) return {};
  const tests = detail.tests;
  return typeof tests === "object" && tests !== null ? (tests as RevisionTests) : {};
}

/** Keeps a test's outcome with the revision it ran on (the latest run of a test wins). */
export async function recordRevisionTest(
  tx: Queryable,
  revision: RevisionKey,
  name: string,
  outcome: RevisionTestOutcome,
): Promise<void> {
  await updateRevisionDetail(tx, revision, (detail) => ({
    ...detail,
    tests: { ...revisionTests(detail), [name]: outcome },
  }));
}
