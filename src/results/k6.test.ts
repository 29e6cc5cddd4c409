import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { collectResults, describeResults } from "./collect.js";
import { parseK6Summary } from "./k6.js";

// As `k6 run --summary-export=summary.json --summary-trend-stats=avg,p(95),p(99)` writes it.
const SUMMARY_EXPORT = {
  root_group: { name: "", path: "", id: "d41d8cd98f00b204e9800998ecf8427e", groups: {}, checks: {} },
  metrics: {
    http_reqs: { count: 1200, rate: 39.87 },
    http_req_duration: { avg: 48.2, "p(95)": 120.456, "p(99)": 310.2, thresholds: { "p(95)<500": false } },
    http_req_failed: { passes: 6, fails: 1194, value: 0.005, thresholds: { "rate<0.01": false } },
    checks: { passes: 1190, fails: 10, value: 0.9917, thresholds: { "rate>0.999": true } },
    vus: { value: 10, min: 10, max: 10 },
  },
};

// As a handleSummary script's `JSON.stringify(data)` writes it: figures under values.
const HANDLE_SUMMARY = {
  metrics: {
    http_reqs: { type: "counter", contains: "default", values: { count: 50, rate: 10 } },
    http_req_duration: {
      type: "trend",
      contains: "time",
      values: { avg: 10, "p(95)": 20, "p(90)": 18 },
      thresholds: { "p(95)<10": { ok: false } },
    },
    http_req_failed: { type: "rate", contains: "default", values: { rate: 0, passes: 0, fails: 50 } },
  },
};

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("load test summaries", () => {
  it("reads k6's --summary-export: request rate, p95, p99, error rate and the crossed thresholds", () => {
    assert.deepEqual(parseK6Summary(SUMMARY_EXPORT), {
      requests: 1200,
      requestsPerSecond: 39.87,
      p95Ms: 120.46,
      p99Ms: 310.2,
      errorRatePercent: 0.5,
      failedThresholds: ["checks"],
    });
  });

  it("reads a handleSummary JSON, where p99 may be missing", () => {
    assert.deepEqual(parseK6Summary(HANDLE_SUMMARY), {
      requests: 50,
      requestsPerSecond: 10,
      p95Ms: 20,
      p99Ms: null,
      errorRatePercent: 0,
      failedThresholds: ["http_req_duration"],
    });
  });

  it("answers nothing for JSON that is no k6 summary", () => {
    assert.equal(parseK6Summary({ metrics: { cpu: 1 } }), undefined);
    assert.equal(parseK6Summary([1, 2]), undefined);
  });
});

describe("a results directory", () => {
  it("adds up the JUnit reports, keeps the load summary and reports the files it could not read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "quikship-results-"));
    dirs.push(dir);
    mkdirSync(join(dir, "unit"));
    writeFileSync(
      join(dir, "unit", "a.xml"),
      '<testsuite name="a"><testcase name="x"/><testcase name="y"><failure message="boom"/></testcase></testsuite>',
    );
    writeFileSync(join(dir, "b.xml"), '<testsuite name="b"><testcase name="z"/></testsuite>');
    writeFileSync(join(dir, "summary.json"), JSON.stringify(SUMMARY_EXPORT));
    writeFileSync(join(dir, "broken.xml"), "<testsuite>");
    writeFileSync(join(dir, "notes.txt"), "ignored");
    const results = await collectResults(dir);
    assert.deepEqual([results.junit?.tests, results.junit?.failures], [3, 1]);
    assert.equal(results.load?.p95Ms, 120.46);
    assert.deepEqual(results.files, ["b.xml", "summary.json", join("unit", "a.xml")]);
    assert.deepEqual(results.problems, ["broken.xml: line 1: <testsuite> is not closed"]);
    assert.equal(
      describeResults(results),
      "3 tests: 2 passed, 1 failed; 1200 requests, 39.87/s, p95 120.46 ms, p99 310.2 ms, errors 0.5%, thresholds crossed: checks",
    );
  });

  it("is empty when the test wrote nothing", async () => {
    const results = await collectResults(join(tmpdir(), "quikship-no-such-dir"));
    assert.deepEqual(results, { junit: null, load: null, files: [], problems: [] });
  });
});
