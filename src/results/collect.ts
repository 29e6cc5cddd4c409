import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { parseJunit } from "./junit.js";
import type { JunitResults } from "./junit.js";
import { parseK6Summary } from "./k6.js";
import type { LoadSummary } from "./k6.js";

/** What a test left in its results directory: JUnit reports added up, a load summary, and what could not be read. */
export interface TestResults {
  junit: JunitResults | null;
  load: LoadSummary | null;
  /** The files read, relative to the results directory. */
  files: string[];
  /** Files that could not be read, each with the reason. */
  problems: string[];
}

const MAX_FILES = 50;
const MAX_BYTES = 5 * 1024 * 1024;
const MAX_DEPTH = 3;

/** Reads `*.xml` (JUnit) and `*.json` (k6 summaries) under `dir`. A bad file is a problem reported, not a failure. */
export async function collectResults(dir: string): Promise<TestResults> {
  const results: TestResults = { junit: null, load: null, files: [], problems: [] };
  for (const path of await listFiles(dir, 0)) {
    const name = relative(dir, path);
    if (results.files.length + results.problems.length >= MAX_FILES) {
      results.problems.push(`${name}: not read; at most ${MAX_FILES} result files are read`);
      continue;
    }
    try {
      const size = (await stat(path)).size;
      if (size > MAX_BYTES) throw new Error(`${size} bytes, over the ${MAX_BYTES}-byte limit`);
      const text = await readFile(path, "utf8");
      if (name.endsWith(".xml")) results.junit = addJunit(results.junit, parseJunit(text));
      else {
        const summary = parseK6Summary(JSON.parse(text));
        if (!summary) throw new Error("not a k6 summary (no metrics.http_reqs, http_req_duration or http_req_failed)");
        if (results.load) throw new Error("a second load summary; only the first is kept");
        results.load = summary;
      }
      results.files.push(name);
    } catch (error) {
      results.problems.push(`${name}: ${(error as Error).message}`);
    }
  }
  return results;
}

async function listFiles(dir: string, depth: number): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth < MAX_DEPTH) out.push(...(await listFiles(path, depth + 1)));
    else if (entry.isFile() && /\.(xml|json)$/.test(entry.name)) out.push(path);
  }
  return out;
}

function addJunit(a: JunitResults | null, b: JunitResults): JunitResults {
  if (!a) return b;
  const time = a.timeMs === null && b.timeMs === null ? null : (a.timeMs ?? 0) + (b.timeMs ?? 0);
  return {
    tests: a.tests + b.tests,
    passed: a.passed + b.passed,
    failures: a.failures + b.failures,
    errors: a.errors + b.errors,
    skipped: a.skipped + b.skipped,
    timeMs: time,
    failed: [...a.failed, ...b.failed].slice(0, 20),
  };
}

/** One line for a log or a table: "12 tests: 10 passed, 1 failed, 1 skipped; p95 120 ms, errors 0.5%". */
export function describeResults(results: TestResults): string {
  const parts: string[] = [];
  const j = results.junit;
  if (j) {
    const bad = j.failures + j.errors;
    parts.push(
      `${j.tests} test${j.tests === 1 ? "" : "s"}: ${j.passed} passed${bad ? `, ${bad} failed` : ""}${j.skipped ? `, ${j.skipped} skipped` : ""}`,
    );
  }
  const l = results.load;
  if (l) {
    const figures = [
      l.requests !== null ? `${l.requests} requests` : null,
      l.requestsPerSecond !== null ? `${l.requestsPerSecond}/s` : null,
      l.p95Ms !== null ? `p95 ${l.p95Ms} ms` : null,
      l.p99Ms !== null ? `p99 ${l.p99Ms} ms` : null,
      l.errorRatePercent !== null ? `errors ${l.errorRatePercent}%` : null,
    ].filter((f) => f !== null);
    if (l.failedThresholds.length) figures.push(`thresholds crossed: ${l.failedThresholds.join(", ")}`);
    parts.push(figures.join(", "));
  }
  return parts.join("; ");
}
