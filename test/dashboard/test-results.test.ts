import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { RunView } from "../../src/engine/types.js";
import { stopServer } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";
import { dashboardServer, screenshotDir } from "./browser.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-dashboard-tests-"));
const state = join(dir, "state");
// A JUnit report with one failing case of three, and a k6 --summary-export.
writeFileSync(
  join(dir, "junit.xml"),
  `<testsuites><testsuite name="checkout"><testcase name="adds to cart"/><testcase name="pays"><failure message="expected 200, got 502"/></testcase><testcase name="shows receipt"/></testsuite></testsuites>`,
);
writeFileSync(
  join(dir, "k6.json"),
  JSON.stringify({
    metrics: {
      http_reqs: { count: 1200, rate: 40 },
      http_req_duration: { avg: 48, "p(95)": 120, "p(99)": 310 },
      http_req_failed: { passes: 6, fails: 1194, value: 0.005 },
    },
  }),
);
writeFileSync(
  join(dir, "quikship.yaml"),
  `version: 1
name: tested
stacks: { node: { port: 3000, healthPath: /health } }
services: { web: { stack: node } }
environments:
  qa:
    tier: nonprod
    tests:
      - { name: e2e, kind: integration, command: 'cp junit.xml "$QUIKSHIP_RESULTS_DIR"/', required: false }
      - { name: load, kind: load, command: 'cp k6.json "$QUIKSHIP_RESULTS_DIR"/' }
  staging:
    { tier: preprod, from: qa, approvals: { groups: [Release Manager] }, tests: [{ name: smoke, command: "true" }] }
  uat: { tier: preprod, from: qa, deployment: scheduled, schedule: { cron: "0 6 * * 1-5", timezone: Europe/London } }
users: { alice: {}, rob: {} }
groups: { Release Manager: { members: [rob] } }
`,
);

const TIMEOUT_MS = 30_000;
const shots = screenshotDir("dashboard-tests");
let server: ServerProcess;
let browser: Browser;
let token = "";

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const parsed = (await response.json()) as T;
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

async function finished(id: string): Promise<RunView> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const run = await call<RunView>("GET", `/v1/runs/${id}`);
    if (["succeeded", "failed", "cancelled"].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} did not finish: ${JSON.stringify(run)}`);
    await delay(100);
  }
}

async function signedIn(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(TIMEOUT_MS);
  await page.goto(server.url);
  await page.getByLabel("Token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("whoami").waitFor();
  return page;
}

describe("test results and what comes next on the dashboard's run page", () => {
  before(async () => {
    ({ browser, server } = await dashboardServer(dir, state));
    token = readFileSync(join(state, "admin.token"), "utf8").trim();
  });
  after(async () => {
    await browser?.close();
    if (server) await stopServer(server, dir);
  });

  it("shows a deploy's JUnit counts and failing case, its load figures, and the next scheduled promotion", async () => {
    const { id } = await call<RunView>("POST", "/v1/runs", {
      kind: "deploy",
      environment: "qa",
      services: ["web"],
      params: { tag: "v1" },
    });
    const run = await finished(id);
    assert.equal(run.status, "succeeded", "a test that is not required reports without failing the run");
    const page = await signedIn();
    await page.goto(`${server.url}/runs/${id}`);
    const e2e = page.getByTestId("test-qa-e2e");
    await e2e.getByText("failed (not required)").waitFor();
    const junit = e2e.getByRole("table", { name: "JUnit results of e2e" });
    assert.deepEqual(await junit.locator("tbody td").allInnerTexts(), ["3", "2", "1", "0", "–"]);
    assert.match(
      await e2e.getByRole("list", { name: "failing cases of e2e" }).innerText(),
      /checkout › pays \(failure\): expected 200, got 502/,
    );
    const load = page.getByTestId("test-qa-load");
    await load.getByText("passed", { exact: true }).waitFor();
    assert.deepEqual(
      await load.getByRole("table", { name: "load figures of load" }).locator("tbody td").allInnerTexts(),
      ["1200", "40/s", "120 ms", "310 ms", "0.5%"],
    );
    assert.match(
      await page.getByTestId("then-uat").innerText(),
      /Afterwards uat takes what qa runs at \w{3} \d{4}-\d\d-\d\d 06:00 Europe\/London/,
    );
    await shots.shot(page, "run-tests");
  });

  it("lists the gates ahead of a waiting promotion", async () => {
    const { id } = await call<RunView>("POST", "/v1/runs", {
      kind: "promote",
      environment: "qa",
      services: ["web"],
      params: { to: ["staging"], tag: "v1" },
    });
    const page = await signedIn();
    await page.goto(`${server.url}/runs/${id}`);
    await page.getByRole("heading", { name: "Why it waits" }).waitFor();
    await page
      .getByText(/waits for approval of staging/)
      .first()
      .waitFor();
    await call("POST", `/v1/runs/${id}/cancel`, {});
  });
});
