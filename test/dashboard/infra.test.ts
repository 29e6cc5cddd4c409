import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import type { RunView } from "../../src/engine/types.js";
import { stopServer } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";
import { FIXTURES, requireTerraform } from "../infra/support.js";
import { dashboardServer, screenshotDir } from "./browser.js";

/** A sensitive variable and output of the module: the page must never show it. */
const PLANTED = "planted-Dashboard-93be1f07c2";
const TIMEOUT_MS = 60_000;

const dir = mkdtempSync(join(tmpdir(), "quikship-dashboard-infra-"));
const state = join(dir, "state");
const external = join(dir, "external.txt");
cpSync(join(FIXTURES, "basic"), join(dir, "module"), { recursive: true });
writeFileSync(external, "first\n");
writeFileSync(
  join(dir, "quikship.yaml"),
  `version: 1
name: infra
stacks: { node: { port: 3000 } }
services: { api: { stack: node } }
environments:
  dev: { tier: nonprod }
  qa: { tier: nonprod, from: dev }
groups: { Platform Team: { members: [pat] } }
users: { pat: {} }
terraform:
  workingDirectory: module
  environments:
    dev: { autoApprove: true, variables: { name: app-dev, token: ${PLANTED}, external_file: ${JSON.stringify(external)} } }
    qa:
      approvals: { groups: [Platform Team], policy: any }
      variables: { name: app-qa, token: ${PLANTED}, external_file: ${JSON.stringify(external)} }
`,
);

const shots = screenshotDir("dashboard-infra");
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

async function infraRun(environment: string, action: string, until: (run: RunView) => boolean): Promise<RunView> {
  const run = await call<RunView>("POST", "/v1/runs", { kind: "infra", environment, params: { action } });
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const now = await call<RunView>("GET", `/v1/runs/${run.id}`);
    if (until(now)) return now;
    if (now.status === "failed" || Date.now() > deadline)
      throw new Error(`infra ${action} of ${environment}: ${now.status} ${JSON.stringify(now.error)}`);
    await delay(200);
  }
}

describe("the dashboard's infrastructure page in headless Chromium", () => {
  before(async () => {
    requireTerraform();
    ({ browser, server } = await dashboardServer(dir, state, { args: ["--terraform-backend", "local"] }));
    token = readFileSync(join(state, "admin.token"), "utf8").trim();
  });
  after(async () => {
    await browser?.close();
    if (server) await stopServer(server, dir);
  });

  it("shows each environment's last apply, its drift by address and the runs under way, and no sensitive value", async () => {
    const applied = await infraRun("dev", "apply", (r) => r.status === "succeeded");
    writeFileSync(external, "changed outside terraform\n");
    const drift = await infraRun("dev", "drift", (r) => r.status === "succeeded");
    const waiting = await infraRun("qa", "apply", (r) => r.status === "waiting" && r.waitReason?.kind === "approval");

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(server.url);
    await page.getByLabel("Token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("link", { name: "Infrastructure" }).click();
    const table = page.getByRole("table", { name: "Infrastructure by environment" });
    const dev = table.getByRole("row", { name: /^dev/ });
    await dev.getByText("drifted", { exact: true }).waitFor();
    const devText = (await dev.textContent()) ?? "";
    assert.match(devText, /2 added, 0 changed, 0 destroyed/);
    assert.ok(devText.includes(applied.id), "the last apply links its run");
    assert.ok(devText.includes(drift.id), "the drift check links its run");
    assert.equal(await page.getByRole("list", { name: "Drifted in dev" }).textContent(), "output.external (update)");
    const qa = table.getByRole("row", { name: /^qa/ });
    const qaText = (await qa.textContent()) ?? "";
    assert.match(qaText, /never applied/);
    assert.match(qaText, new RegExp(`waiting\\s*apply ${waiting.id}.*Platform Team`));
    await shots.shot(page, "01-infrastructure");
    await qa.getByRole("link", { name: waiting.id }).click();
    await page.waitForURL(`**/runs/${waiting.id}`);
    await page.getByText("approval to apply qa: Platform Team").first().waitFor();
    assert.ok(!(await page.content()).includes(PLANTED), "the run page shows the sensitive value");
    await page.goto(`${server.url}/infra`);
    await table.getByRole("row", { name: /^dev/ }).getByText("drifted", { exact: true }).waitFor();
    assert.ok(!(await page.content()).includes(PLANTED), "the infrastructure page shows the sensitive value");
    await context.close();
  });
});
