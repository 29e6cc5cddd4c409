/**
 * The dashboard's first-hour edges, in headless Chromium against a real server (counting target):
 * the matrix at full width with whole names, where each tag has got to and what waits to change a
 * cell; the header naming a role once; a wrong token explained; the audit's details as fields; why
 * a canary waits in clauses with local times; its weight chart with axes; steps an ended run never
 * reached shown as not run; /favicon.ico answered.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { RunView } from "../../src/engine/types.js";
import { stopServer } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";
import { apiCalls } from "./api-calls.js";
import { dashboardServer, screenshotDir } from "./browser.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-dashboard-edges-"));
const state = join(dir, "state");
const LONG = "notification-orchestrator-service";
writeFileSync(
  join(dir, "quikship.yaml"),
  `version: 1
name: shop
stacks:
  node: { port: 3000, healthPath: /health }
services:
  web: { stack: node }
  ${LONG}: { stack: node }
  cart: { stack: node, strategy: { type: canary, steps: [{ weight: 25, bake: 10m }, { weight: 100 }] } }
environments:
  dev: { tier: nonprod }
  qa: { tier: nonprod, from: dev }
  staging: { tier: preprod, from: qa, approvals: { groups: [Release Manager], policy: any } }
users: { alice: {}, rob: {} }
groups:
  Developers: { members: [alice] }
  Release Manager: { members: [rob] }
`,
);

const TIMEOUT_MS = 30_000;
const FINAL = ["succeeded", "failed", "cancelled"];
const shots = screenshotDir("dashboard-edges");
let server: ServerProcess;
let browser: Browser;
const tokens = new Map<string, string>();

const { call, runUntil } = apiCalls(() => server.url, tokens);

async function deployed(service: string, environment: string, tag: string): Promise<void> {
  const run = await call<RunView>("POST", "/v1/runs", {
    kind: "deploy",
    environment,
    services: [service],
    params: { tag },
  });
  assert.equal((await runUntil(run.id, (r) => FINAL.includes(r.status), "its end")).status, "succeeded");
}

async function signedIn(user: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  await page.goto(server.url);
  await page.getByLabel("Token").fill(tokens.get(user)!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("whoami").getByText(user, { exact: true }).waitFor();
  return page;
}

describe("the dashboard's first-hour edges in headless Chromium", () => {
  let canary: RunView;
  before(async () => {
    ({ browser, server } = await dashboardServer(dir, state));
    tokens.set("admin", readFileSync(join(state, "admin.token"), "utf8").trim());
    tokens.set("alice", (await call<{ token: string }>("POST", "/v1/tokens", { user: "alice" })).token);
    // web: v2 in dev, v1 in qa, and a promotion of v1 to staging waiting for the Release Manager.
    await deployed("web", "dev", "v2");
    await deployed("web", "qa", "v1");
    const promotion = await call<RunView>("POST", "/v1/runs", {
      kind: "promote",
      environment: "qa",
      services: ["web"],
      params: { tag: "v1", to: ["staging"] },
    });
    await runUntil(promotion.id, (r) => r.waitReason?.kind === "approval", "the staging approval");
    // cart: v1 in dev, then a canary of v2 baking there.
    await deployed("cart", "dev", "v1");
    canary = await call<RunView>("POST", "/v1/runs", {
      kind: "deploy",
      environment: "dev",
      services: ["cart"],
      params: { tag: "v2" },
    });
    await runUntil(
      canary.id,
      (r) => r.waitReason?.kind === "analysis" && (r.waitReason as { phase?: string }).phase === "baking",
      "the canary's bake",
    );
    console.log(`dashboard screenshots: ${shots.dir}`);
  });
  after(async () => {
    await browser?.close();
    if (server) await stopServer(server, dir);
  });

  it("answers a wrong token with what to do, not how a header is spelled, and /favicon.ico with the icon", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.url);
    await page.getByLabel("Token").fill("not-a-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = (await page.getByRole("alert").textContent()) ?? "";
    assert.match(alert, /This token is not valid.*Tokens start with qs_/);
    assert.doesNotMatch(alert, /Authorization|Bearer/);
    await shots.shot(page, "01-wrong-token");
    await page.context().close();
    const icon = await fetch(`${server.url}/favicon.ico`);
    assert.equal(icon.status, 200);
    assert.equal(icon.headers.get("content-type"), "image/svg+xml");
  });

  it("names the user, their groups and an administrator's role once in the header", async () => {
    const admin = await signedIn("admin");
    const adminHeader = (await admin.getByTestId("whoami").textContent()) ?? "";
    assert.equal(adminHeader.match(/admin/g)?.length, 1, adminHeader);
    await admin.context().close();
    const alice = await signedIn("alice");
    assert.equal(await alice.getByTestId("whoami").textContent(), "Signed in as alice · Developers");
    await alice.context().close();
  });

  it("shows the matrix at full width with whole names, each tag's colour, what is ahead, what waits and the rollouts", async () => {
    const page = await signedIn("admin");
    const grid = page.getByRole("grid", { name: "Environments × services" });
    const stagingWeb = grid.getByRole("button", { name: /^web in staging:/ });
    await stagingWeb.getByTestId("cell-pending").waitFor();
    await shots.shot(page, "02-matrix");
    // The table fills its scrolling box, and the longest name is shown whole.
    const table = (await grid.boundingBox())?.width ?? 0;
    const box = await page.locator(".matrix-scroll").evaluate((e: { clientWidth: number }) => e.clientWidth);
    assert.ok(table >= box - 1, `the matrix is ${table} px wide in a box of ${box} px`);
    const name = grid
      .getByRole("rowheader", { name: new RegExp(LONG) })
      .locator("span")
      .first();
    assert.deepEqual(
      await name.evaluate((e: { textContent: string | null; scrollWidth: number; clientWidth: number }) => [
        e.textContent,
        e.scrollWidth <= e.clientWidth,
      ]),
      [LONG, true],
    );
    // dev runs v2, qa v1: dev is ahead of qa; the same tag has the same colour along a row.
    const devWeb = grid.getByRole("button", { name: /^web in dev: tag v2/ });
    assert.equal(await devWeb.getByTestId("cell-ahead").textContent(), "▸ ahead of qa");
    assert.match(
      (await grid.getByRole("button", { name: /^web in qa:/ }).getAttribute("aria-label")) ?? "",
      /dev runs v2/,
    );
    const hue = (l: string) =>
      grid
        .getByRole("button", { name: new RegExp(`^${l}`) })
        .locator(".tag")
        .getAttribute("class");
    assert.notEqual(await hue("web in dev"), await hue("web in qa"));
    // The promotion waiting for its approval shows in staging, where it goes.
    assert.equal(await stagingWeb.getByTestId("cell-pending").textContent(), "→ v1 waits: approval");
    assert.match(
      (await stagingWeb.getAttribute("aria-label")) ?? "",
      /not deployed; qa runs v1; promotion of v1 waits for approval \(run /,
    );
    // An empty cell is quiet: no "not deployed" written in it, only in its label.
    const empty = grid.getByRole("button", { name: new RegExp(`^${LONG} in qa: not deployed`) });
    assert.equal((await empty.textContent())?.includes("not deployed"), false);
    assert.equal(await page.getByTestId("summary-staging").textContent(), "0 running · 1 changing");
    assert.match((await page.locator(".toolbar").textContent()) ?? "", /· 1 rollout in progress/);
    // Show: only what is deployed somewhere, or what a run is changing.
    await page.getByLabel("Show").selectOption({ label: "deployed somewhere" });
    await grid.getByRole("rowheader", { name: new RegExp(LONG) }).waitFor({ state: "detached" });
    assert.equal(await grid.getByRole("rowheader").count(), 2);
    await page.getByLabel("Show").selectOption({ label: "waiting or in progress" });
    await grid.getByRole("rowheader", { name: /web/ }).waitFor();
    await shots.shot(page, "03-matrix-changing");
    await page.context().close();
  });

  it("says why a canary waits in clauses with local times, and draws its weight on axes", async () => {
    const page = await signedIn("admin");
    await page.goto(`${server.url}/runs/${canary.id}`);
    const why = page.getByTestId("why-waits");
    await why.getByText(/baking until/).waitFor();
    const text = (await why.textContent()) ?? "";
    assert.doesNotMatch(text, /UTC|\d{4}-\d\d-\d\dT/, "no UTC or ISO timestamp");
    assert.match(text, /baking until \d\d:\d\d:\d\d \(in (9|10) min\)/);
    assert.ok((await why.locator(":scope > li").count()) >= 2, "one item per clause");
    assert.equal(await page.getByText("Earliest it can go on").count(), 0, "the moment is said once");
    const chart = page.getByTestId("weight-chart");
    assert.deepEqual((await chart.locator("text.axis").allTextContents()).slice(0, 5), [
      "0%",
      "25%",
      "50%",
      "75%",
      "100%",
    ]);
    assert.equal(await chart.getByTestId("chart-mark").count(), 1);
    assert.equal(await chart.getByTestId("chart-mark").textContent(), "25%");
    await shots.shot(page, "04-canary-waits");

    await call("POST", `/v1/runs/${canary.id}/abort`, { comment: "enough" });
    await page.getByRole("heading", { name: /failed/ }).waitFor();
    await page.getByTestId("canary-aborted-by").getByText("person").waitFor();
    const steps = page.getByRole("region", { name: "Stages" });
    assert.equal(await steps.getByText("pending", { exact: true }).count(), 0);
    assert.ok((await steps.getByText("not run", { exact: true }).count()) >= 1);
    await shots.shot(page, "05-canary-aborted");
    await page.context().close();
  });

  it("shows an audit entry's details as named fields, run subjects as links", async () => {
    const page = await signedIn("admin");
    await page.getByRole("link", { name: "Audit" }).click();
    const entries = page.getByRole("table", { name: "Audit entries, newest first" });
    const submit = entries.getByRole("row").filter({ hasText: "run.submit" }).first();
    await submit.waitFor();
    const details = submit.locator("dl.details");
    assert.ok((await details.locator("dt").allTextContents()).includes("params.tag"));
    assert.doesNotMatch((await details.textContent()) ?? "", /[{}"]/);
    await submit.getByRole("link").click();
    await page.waitForURL(/\/runs\/[^/]+$/);
    await shots.shot(page, "06-from-audit");
    await page.context().close();
  });
});
