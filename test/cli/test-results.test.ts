import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli } from "../support/cli-process.js";
import { startCountingServer, stopServer } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-results-"));
const state = join(dir, "state");

// A test as a team writes one: a JUnit report with a failing case and a k6 summary
// (`k6 run --summary-export`), both in the directory quikship gives it.
const script = join(dir, "acceptance.mjs");
writeFileSync(
  script,
  `import { writeFileSync } from "node:fs";
import { join } from "node:path";
const out = process.env.QUIKSHIP_RESULTS_DIR;
writeFileSync(join(out, "junit.xml"), \`<?xml version="1.0"?>
<testsuites><testsuite name="checkout" tests="3" failures="1" errors="0" skipped="0">
<testcase classname="checkout" name="lists the cart"/>
<testcase classname="checkout" name="pays"><failure message="expected 201, got 502">stack</failure></testcase>
<testcase classname="checkout" name="ships"/>
</testsuite></testsuites>\`);
writeFileSync(join(out, "summary.json"), JSON.stringify({
  metrics: {
    http_reqs: { count: 1200, rate: 39.87 },
    http_req_duration: { avg: 48.2, "p(95)": 120.456, "p(99)": 310.2 },
    http_req_failed: { passes: 6, fails: 1194, value: 0.005 },
  },
}));
process.exit(1);
`,
);
writeFileSync(
  join(dir, "quikship.yaml"),
  `version: 1
name: shop
stacks:
  node: { port: 3000, healthPath: /health }
services:
  web: { stack: node }
environments:
  dev:
    tier: nonprod
    target: local
    tests: [{ name: acceptance, kind: integration, command: [node, ${JSON.stringify(script)}] }]
`,
);

let server: ServerProcess;
const quikship = (...args: string[]) => runCli({ server: server.url, state, configHome: dir }, args);

describe("quikship run shows what a test left in its results directory", () => {
  before(async () => {
    server = await startCountingServer(dir, state);
  });
  after(() => stopServer(server, dir));

  it("prints the JUnit counts and failing cases, and the load summary's p95 and error rate", async () => {
    const deploy = await quikship("deploy", "dev", "--services", "web", "--tag", "v1.0.0", "--wait");
    assert.equal(deploy.code, 1, deploy.stdout + deploy.stderr);
    const id = /run (\S+) failed/.exec(deploy.stdout)?.[1];
    assert.ok(id, deploy.stdout);
    const run = await quikship("run", id);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /failed +integration test acceptance in dev/);
    assert.match(run.stdout, /3 tests: 2 passed, 1 failed/);
    assert.match(run.stdout, /1200 requests, 39\.87\/s, p95 120\.46 ms, p99 310\.2 ms, errors 0\.5%/);
    assert.match(run.stdout, /failure checkout › pays: expected 201, got 502/);
  });
});
