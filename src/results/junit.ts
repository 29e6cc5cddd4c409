import { parseXml } from "./xml.js";
import type { XmlElement } from "./xml.js";

/** At most this many failures are kept with their messages; the counts are always whole. */
export const MAX_FAILURES = 20;
const MAX_MESSAGE = 500;

export interface JunitFailure {
  suite: string;
  name: string;
  kind: "failure" | "error";
  message: string;
}

export interface JunitResults {
  tests: number;
  passed: number;
  failures: number;
  errors: number;
  skipped: number;
  /** Sum of the suites' (or cases') times; null when the report gives none. */
  timeMs: number | null;
  /** The first MAX_FAILURES failing cases, in report order. */
  failed: JunitFailure[];
}

/**
 * Reads a JUnit XML report as Maven Surefire, Jest (jest-junit), pytest and most others write
 * it: a <testsuites> root or a single <testsuite>, suites nested or not. Counts come from the
 * <testcase> elements; a suite without any counts from its attributes.
 */
export function parseJunit(xml: string): JunitResults {
  const root = parseXml(xml);
  if (root.name !== "testsuites" && root.name !== "testsuite")
    throw new Error(`the root element is <${root.name}>, not <testsuites> or <testsuite>`);
  const results: JunitResults = { tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0, timeMs: null, failed: [] };
  addSuite(root, results, root.name === "testsuites");
  results.passed = results.tests - results.failures - results.errors - results.skipped;
  return results;
}

function addSuite(suite: XmlElement, results: JunitResults, isRoot: boolean): void {
  const suites = suite.children.filter((c) => c.name === "testsuite");
  const cases = suite.children.filter((c) => c.name === "testcase");
  for (const child of suites) addSuite(child, results, false);
  if (!isRoot && suites.length === 0) addTime(results, suite.attributes.time);
  if (cases.length > 0) {
    for (const c of cases) addCase(suite.attributes.name ?? "", c, results);
  } else if (suites.length === 0 && !isRoot) {
    const count = (name: string): number => wholeNumber(suite.attributes[name]);
    results.tests += count("tests");
    results.failures += count("failures");
    results.errors += count("errors");
    results.skipped += count("skipped") + count("disabled");
  }
  // A root <testsuites> with no suites at all still tells its counts.
  if (isRoot && suites.length === 0 && cases.length === 0) {
    results.tests += wholeNumber(suite.attributes.tests);
    results.failures += wholeNumber(suite.attributes.failures);
    results.errors += wholeNumber(suite.attributes.errors);
    addTime(results, suite.attributes.time);
  }
}

function addCase(suiteName: string, testcase: XmlElement, results: JunitResults): void {
  results.tests++;
  const failure = testcase.children.find((c) => c.name === "failure" || c.name === "error");
  if (failure) {
    const isError = failure.name === "error";
    const kind = isError ? "error" : "failure";
    if (isError) results.errors++;
    else results.failures++;
    if (results.failed.length < MAX_FAILURES) {
      // A NUL cannot be stored in a jsonb column; it means nothing in a message.
      const text = (failure.attributes.message ?? failure.text.trim().split("\n")[0] ?? "").replaceAll("\u0000", "");
      results.failed.push({
        suite: testcase.attributes.classname ?? suiteName,
        name: testcase.attributes.name ?? "(unnamed)",
        kind,
        message: text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text,
      });
    }
  } else if (testcase.children.some((c) => c.name === "skipped")) results.skipped++;
}

function addTime(results: JunitResults, time: string | undefined): void {
  const seconds = Number(time?.replace(/,/g, ""));
  if (time === undefined || !Number.isFinite(seconds) || seconds < 0) return;
  results.timeMs = Math.round((results.timeMs ?? 0) + seconds * 1000);
}

function wholeNumber(text: string | undefined): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : 0;
}
