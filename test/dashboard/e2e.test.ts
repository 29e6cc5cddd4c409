import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { RunView } from "../../src/engine/types.js";
import { stopServer } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";
import { apiCalls } from "./api-calls.js";
import { dashboardServer, screenshotDir } from "./browser.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-dashboard-e2e-"));
const state = join(dir, "state");
writeFileSync(
  join(dir, "quikship.yaml"),
  `version: 1
name: shop
stacks:
  node: { port: 3000, healthPath: /health }
  go: { port: 8080, healthPath: /healthz }
services:
  web: { stack: node }
  api: { stack: go }
  cart: { stack: node, strategy: { type: canary, steps: [{ weight: 25, bake: 10m }, { weight: 100 }] } }
  checkout: { stack: node, strategy: { type: canary, steps: [{ weight: 25, bake: 10m }, { weight: 100 }] } }
environments:
  qa: { tier: nonprod }
  staging: { tier: preprod, from: qa, approvals: { groups: [Release Manager], policy: any } }
  live:
    tier: prod
    from: staging
    windows:
      timezone: America/New_York
      weekly: [{ days: [mon, tue, wed, thu], from: "09:00", to: "16:00" }]
      freezes: [{ name: year-end freeze, from: "2026-12-19", to: "2027-01-03" }]
users: { alice: {}, rob: {}, cara: {} }
groups:
  Developers: { members: [alice] }
  Release Manager: { members: [rob] }
  CAB: { members: [cara] }
analysis:
  thresholds:
    errorRate: { warning: "1%", critical: "5%" }
    latencyP99: { warning: 300ms, critical: 800ms }
`,
);

const TIMEOUT_MS = 30_000;
const FINAL = ["succeeded", "failed", "cancelled"];
const shots = screenshotDir("dashboard-e2e");
let server: ServerProcess;
let browser: Browser;
const tokens = new Map<string, string>();

const { call, runUntil } = apiCalls(() => server.url, tokens);

/** A fresh browser context (its own sessionStorage), signed in as the user. */
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

describe("the dashboard in headless Chromium", () => {
  before(async () => {
    ({ browser, server } = await dashboardServer(dir, state, {
      env: {
        // Its revisions are ready at once: a rolling deploy need not wait 250 ms between looks.
        QUIKSHIP_TEST_TARGET_POLL_MS: "25",
      },
    }));
    tokens.set("admin", readFileSync(join(state, "admin.token"), "utf8").trim());
    for (const user of ["alice", "rob", "cara"])
      tokens.set(user, (await call<{ token: string }>("POST", "/v1/tokens", { user })).token);
    console.log(`dashboard screenshots: ${shots.dir}`);
  });
  after(async () => {
    await browser?.close();
    if (server) await stopServer(server, dir);
  });

  it("signs in with the admin token, shows the matrix and deploys from a cell to the run's page", async () => {
    const page = await signedIn("admin");
    await shots.shot(page, "01-signed-in");
    const matrix = page.getByRole("grid", { name: "Environments × services" });
    await matrix.getByRole("columnheader", { name: "staging" }).waitFor();
    await matrix.getByRole("rowheader", { name: /api/ }).waitFor();
    await shots.shot(page, "02-matrix");

    await page.getByRole("button", { name: /^web in qa: not deployed/ }).click();
    await page.getByLabel("Image tag").fill("v1.0.0");
    await shots.shot(page, "03-deploy-dialog");
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await page.waitForURL(/\/runs\/[^/]+$/);
    const id = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    await page.getByRole("heading", { name: new RegExp(`Run ${id}.*succeeded`) }).waitFor();
    assert.notEqual(await page.getByTestId("run-log").textContent(), "(no lines yet)");
    await shots.shot(page, "04-deploy-run");

    const run = await call<RunView>("GET", `/v1/runs/${id}`);
    assert.deepEqual(
      [run.kind, run.environment, run.services, run.actor, run.request.params.tag],
      ["deploy", "qa", ["web"], "admin", "v1.0.0"],
    );
    await page.goto(server.url);
    await page.getByRole("button", { name: /^web in qa: tag v1\.0\.0, revision 1/ }).waitFor();
    await shots.shot(page, "05-matrix-deployed");
    await page.context().close();
  });

  it("moves between the matrix's cells with the keyboard, one cell reached by Tab, and opens a cell's deploy form with Enter", async () => {
    const page = await signedIn("admin");
    const focused = () =>
      page.evaluate(
        () =>
          (
            globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }
          ).document.activeElement?.getAttribute("aria-label") ?? "",
      );
    const cell = page.getByRole("button", { name: /^web in qa:/ });
    await cell.focus();
    const walk: string[] = [];
    for (const key of [
      "ArrowRight",
      "ArrowDown",
      "End",
      "ArrowRight",
      "Home",
      "Control+End",
      "Control+Home",
      "ArrowUp",
    ]) {
      await page.keyboard.press(key);
      walk.push((await focused()).split(":")[0]!);
    }
    assert.deepEqual(walk, [
      "web in staging",
      "api in staging",
      "api in live",
      "api in live",
      "api in qa",
      "checkout in live",
      "web in qa",
      "web in qa",
    ]);
    // Roving tabindex: only the cell last moved to is reached by Tab.
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.locator('.matrix button[tabindex="0"]').count(), 1);
    assert.match((await page.locator('.matrix button[tabindex="0"]').getAttribute("aria-label")) ?? "", /^api in qa:/);
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").getByLabel("Image tag").waitFor();
    await shots.shot(page, "05k-matrix-keyboard-deploy-dialog");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page.context().close();
  });

  it("lets a Release Manager approve a waiting promotion, and shows a non-member who must approve without the button", async () => {
    const deploy = await call<RunView>(
      "POST",
      "/v1/runs",
      { kind: "deploy", environment: "qa", services: ["api"], params: { tag: "v2.0.0" } },
      "alice",
    );
    assert.equal((await runUntil(deploy.id, (r) => FINAL.includes(r.status), "its end")).status, "succeeded");
    const promotion = await call<RunView>(
      "POST",
      "/v1/runs",
      { kind: "promote", environment: "qa", services: ["api"], params: { tag: "v2.0.0", to: ["staging"] } },
      "alice",
    );
    await runUntil(
      promotion.id,
      (r) => r.status === "waiting" && r.waitReason?.kind === "approval",
      "the staging approval",
    );

    const cara = await signedIn("cara");
    await cara.getByRole("link", { name: "Approvals" }).click();
    const caraCard = cara.getByRole("listitem", {
      name: new RegExp(`Run ${promotion.id} waits for approval in staging`),
    });
    await caraCard.getByText("Waiting for:").waitFor();
    assert.match((await caraCard.textContent()) ?? "", /Waiting for: Release Manager/);
    assert.equal(await caraCard.getByRole("button", { name: /Approve/ }).count(), 0);
    assert.equal(await caraCard.getByRole("button", { name: "Reject" }).count(), 0);
    await shots.shot(cara, "06-approvals-non-member");
    await cara.context().close();

    const rob = await signedIn("rob");
    await rob.goto(`${server.url}/approvals`);
    const robCard = rob.getByRole("listitem", {
      name: new RegExp(`Run ${promotion.id} waits for approval in staging`),
    });
    await robCard.getByLabel(/Comment/).fill("release notes checked");
    await shots.shot(rob, "07-approvals-member");
    await robCard.getByRole("button", { name: "Approve as Release Manager" }).click();
    await rob.getByText("Nothing waits for approval.").waitFor();

    const done = await runUntil(promotion.id, (r) => FINAL.includes(r.status), "its end");
    assert.equal(done.status, "succeeded", JSON.stringify(done.error));
    await rob.goto(`${server.url}/runs/${promotion.id}`);
    await rob.getByRole("heading", { name: /succeeded/ }).waitFor();
    await rob
      .getByTestId("run-log")
      .getByText(/approved by rob for Release Manager: release notes checked/)
      .waitFor();
    await shots.shot(rob, "08-promotion-run");
    await rob.context().close();
  });

  it("shows a waiting canary's weight, phase and per-revision traffic against the thresholds, and aborts it", async () => {
    const first = await call<RunView>(
      "POST",
      "/v1/runs",
      { kind: "deploy", environment: "qa", services: ["cart"], params: { tag: "v1" } },
      "alice",
    );
    assert.equal((await runUntil(first.id, (r) => FINAL.includes(r.status), "its end")).status, "succeeded");
    const canary = await call<RunView>(
      "POST",
      "/v1/runs",
      { kind: "deploy", environment: "qa", services: ["cart"], params: { tag: "v2" } },
      "alice",
    );
    const waiting = await runUntil(
      canary.id,
      (r) =>
        r.status === "waiting" &&
        r.waitReason?.kind === "analysis" &&
        (r.waitReason as { phase?: string }).phase === "baking",
      "the canary's bake",
    );
    const { revision, stable } = waiting.waitReason as unknown as { revision: number; stable: number };
    // Scripted counters (the counting target reads `${effects}.traffic`): the canary 1 error in 400, slow; the stable one clean.
    const latency = (counts: number[]) => ({ le: [100, 500, 1000], counts, sumMs: 0 });
    writeFileSync(
      join(dir, "effects.jsonl.traffic"),
      [
        { environment: "qa", service: "cart", revision, requests: 400, errors: 1, latency: latency([300, 398, 400]) },
        {
          environment: "qa",
          service: "cart",
          revision: stable,
          requests: 1200,
          errors: 0,
          latency: latency([1200, 1200, 1200]),
        },
      ]
        .map((l) => JSON.stringify(l))
        .join("\n") + "\n",
    );

    const page = await signedIn("alice");
    await page.goto(`${server.url}/runs/${canary.id}`);
    const panel = page.getByTestId("canary-panel");
    await panel.getByRole("heading", { name: "Canary: cart in qa" }).waitFor();
    assert.equal(await panel.getByTestId("canary-weight").textContent(), "25%");
    assert.equal(await panel.getByTestId("canary-phase").textContent(), "baking");
    await panel.getByRole("img", { name: /Weight of the new revision over time: 25% from/ }).waitFor();
    const table = panel.getByTestId("canary-traffic");
    const canaryRow = table.getByRole("row", { name: new RegExp(`^${revision} \\(canary\\)`) });
    await canaryRow.getByText("400", { exact: true }).waitFor();
    assert.match((await canaryRow.textContent()) ?? "", /0\.25 %.*ok.*over warning/);
    assert.match(
      (await table.getByRole("row", { name: /thresholds/ }).textContent()) ?? "",
      /warning 1 %, critical 5 %.*warning 300 ms, critical 800 ms/,
    );
    await shots.shot(page, "09-canary");

    await panel.getByLabel(/Comment/).fill("p99 over the warning");
    const abort = panel.getByRole("button", { name: "Abort" });
    await abort.focus();
    await page.keyboard.press("Enter");
    const done = await runUntil(canary.id, (r) => FINAL.includes(r.status), "its end");
    assert.equal(done.status, "failed");
    assert.match(done.error?.message ?? "", /aborted by alice: p99 over the warning/);
    await page.getByRole("heading", { name: /failed/ }).waitFor();
    await shots.shot(page, "10-canary-aborted");
    await page.context().close();
  });

  it("watches a canary that the engine aborts by itself: failed, why, and all traffic back on the stable revision, without a reload", async () => {
    const first = await call<RunView>(
      "POST",
      "/v1/runs",
      { kind: "deploy", environment: "qa", services: ["checkout"], params: { tag: "v1" } },
      "alice",
    );
    assert.equal((await runUntil(first.id, (r) => FINAL.includes(r.status), "its end")).status, "succeeded");
    const canary = await call<RunView>(
      "POST",
      "/v1/runs",
      { kind: "deploy", environment: "qa", services: ["checkout"], params: { tag: "v2" } },
      "alice",
    );
    const waiting = await runUntil(
      canary.id,
      (r) =>
        r.status === "waiting" &&
        r.waitReason?.kind === "analysis" &&
        (r.waitReason as { phase?: string }).phase === "baking",
      "the canary's bake",
    );
    const { revision, stable } = waiting.waitReason as unknown as { revision: number; stable: number };

    // The canary view is open, and live, before anything goes wrong.
    const page = await signedIn("alice");
    await page.goto(`${server.url}/runs/${canary.id}`);
    const panel = page.getByTestId("canary-panel");
    await panel.getByRole("heading", { name: "Canary: checkout in qa" }).waitFor();
    await page.getByRole("heading", { name: new RegExp(`Run ${canary.id}.*waiting`) }).waitFor();
    assert.equal(await panel.getByTestId("canary-weight").textContent(), "25%");
    await panel.getByRole("button", { name: "Abort" }).waitFor();
    // A mark in this document: still there at the end means the page was never reloaded.
    await page.evaluate(() => void Object.assign(globalThis, { watchedSinceBake: true }));

    // Then the canary fails 40% of its requests while the stable revision is clean (appended to
    // `${effects}.traffic`, where the last line per revision wins): the engine aborts at its next poll.
    const latency = (n: number) => ({ le: [100, 500, 1000], counts: [n, n, n], sumMs: 0 });
    appendFileSync(
      join(dir, "effects.jsonl.traffic"),
      [
        { environment: "qa", service: "checkout", revision, requests: 400, errors: 160, latency: latency(400) },
        { environment: "qa", service: "checkout", revision: stable, requests: 1200, errors: 0, latency: latency(1200) },
      ]
        .map((l) => `${JSON.stringify(l)}\n`)
        .join(""),
    );

    // The page shows it as it happens: no reload, no click.
    await page.getByRole("heading", { name: new RegExp(`Run ${canary.id}.*failed`) }).waitFor();
    const error = page.getByText(/^Error: canary of checkout/);
    await error.waitFor();
    const shown = (await error.textContent()) ?? "";
    assert.match(
      shown,
      new RegExp(
        `revision ${revision} \\(v2\\) in qa aborted: analysis: error rate above the critical 5% \\(canary 40% of 400, stable 0% of 1200\\)`,
      ),
    );
    assert.match(shown, new RegExp(`all traffic back on revision ${stable}$`));
    assert.doesNotMatch(shown, /aborted by/);
    await page
      .getByTestId("run-log")
      .getByText(
        new RegExp(
          `checkout in qa: canary of revision ${revision} \\(v2\\) aborted: analysis: error rate above the critical 5%`,
        ),
      )
      .waitFor();
    // No commands for a rollout that is over.
    await panel.getByRole("button", { name: "Abort" }).waitFor({ state: "detached" });
    assert.equal(await panel.getByRole("button", { name: "Promote step" }).count(), 0);
    // The canary's weight went to 0 with the abort, against the stable revision traffic went back to.
    await panel.getByTestId("canary-weight").getByText("0%", { exact: true }).waitFor();
    assert.equal(await panel.getByTestId("canary-phase").textContent(), "aborted");
    assert.equal(await page.evaluate(() => (globalThis as { watchedSinceBake?: boolean }).watchedSinceBake), true);
    await shots.shot(page, "11-canary-aborted-by-analysis");

    const done = await call<RunView>("GET", `/v1/runs/${canary.id}`);
    assert.equal(done.status, "failed");
    assert.equal(done.error?.message, shown.replace(/^Error: /, ""));
    // What the target was told last: all the weight on the stable revision, none on the canary, which is gone.
    const stateLines = readFileSync(join(dir, "effects.jsonl.state"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map(
        (l) =>
          JSON.parse(l) as {
            environment: string;
            service: string;
            op: string;
            weights?: Record<string, number>;
            revision?: number;
            guard?: unknown;
          },
      );
    const mine = stateLines.filter((l) => l.environment === "qa" && l.service === "checkout");
    assert.deepEqual(mine.findLast((l) => l.op === "weights")?.weights, { [stable]: 100 });
    assert.ok(
      mine.some((l) => l.op === "remove" && l.revision === revision),
      "the canary revision is removed",
    );
    assert.equal(mine.findLast((l) => l.op === "guard")?.guard, null);
    await page.context().close();
  });

  it("shows when each environment's window opens or closes next, in the window's zone and the viewer's", async () => {
    const page = await signedIn("alice");
    await page.getByRole("link", { name: "Windows" }).click();
    const table = page.getByRole("table", { name: "Deployment windows by environment" });
    const live = table.getByRole("row", { name: /^live/ });
    await live.getByText("America/New_York", { exact: true }).waitFor();
    const text = (await live.textContent()) ?? "";
    assert.match(text, /mon, tue, wed, thu 09:00–16:00/);
    assert.match(text, /year-end freeze: 2026-12-19 – 2027-01-03/);
    assert.match(text, /(open|closed).*America\/New_York.*your time/s);
    assert.match((await table.getByRole("row", { name: /^qa/ }).textContent()) ?? "", /always open/);
    await shots.shot(page, "12-windows");
    await page.context().close();
  });

  it("shows the audit log newest first with its hash chain verified", async () => {
    const page = await signedIn("cara");
    await page.getByRole("link", { name: "Audit" }).click();
    await page.getByTestId("audit-verification").getByText("Intact").waitFor();
    const entries = page.getByRole("table", { name: "Audit entries, newest first" });
    await entries.getByRole("cell", { name: "approval.approve" }).waitFor();
    await page.getByLabel("Action").fill("approval.approve");
    await page.getByRole("button", { name: "Filter" }).click();
    // The filtered answer has the one approval: the second row goes away.
    await entries.locator("tbody tr").nth(1).waitFor({ state: "detached" });
    assert.equal(await entries.locator("tbody tr").count(), 1);
    assert.match((await entries.locator("tbody tr").textContent()) ?? "", /rob\s*approval\.approve/);
    await shots.shot(page, "13-audit");
    await page.context().close();
  });
});
