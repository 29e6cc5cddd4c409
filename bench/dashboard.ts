import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { freshDashboard, launchChromium } from "../test/dashboard/browser.js";
import { startServerProcess, stopServer } from "../test/support/server-process.js";
import { report, summarize } from "./support.js";

const SERVICES = 1000;
const ENVIRONMENTS = 12;
const RUNS = 5;
const TARGET_FIRST_RENDER_MS = 1000;
const STACKS = ["spring-boot", "nestjs", "elixir", "go", "python"];

/** A platform file of 1,000 services in five stacks and a ladder of 12 environments. */
function bigPlatform(): string {
  const environments = Array.from({ length: ENVIRONMENTS }, (_, i) => `env${String(i + 1).padStart(2, "0")}`);
  const lines = [
    "version: 1",
    "name: thousand",
    "stacks:",
    ...STACKS.map((s) => `  ${s}: { port: 3000, healthPath: /health }`),
    "services:",
  ];
  for (let i = 0; i < SERVICES; i++)
    lines.push(`  service-${String(i).padStart(4, "0")}: { stack: ${STACKS[i % STACKS.length]} }`);
  lines.push(
    "environments:",
    ...environments.map((e, i) => `  ${e}: { tier: nonprod${i === 0 ? "" : `, from: ${environments[i - 1]}`} }`),
  );
  return `${lines.join("\n")}\n`;
}

/**
 * Time to first render of the 1,000 × 12 matrix in headless Chromium: from navigating to the
 * dashboard (signed in) to the last environment's cell of the first service on screen (the
 * matrix comes from /v1/status/events). Also the time of a GET /v1/status alone, and one scroll
 * step's frame time.
 */
export async function benchDashboard(): Promise<void> {
  console.log(
    `\n# Dashboard matrix, ${SERVICES} services × ${ENVIRONMENTS} environments, headless Chromium (counting target)`,
  );
  const dir = mkdtempSync(join(tmpdir(), "quikship-bench-dashboard-"));
  writeFileSync(join(dir, "quikship.yaml"), bigPlatform());
  const dashboard = await freshDashboard();
  const server = await startServerProcess(["--config", dir, "--state", join(dir, "state")], {
    QUIKSHIP_TEST_TARGET: `counting:${join(dir, "effects.jsonl")}`,
    QUIKSHIP_DASHBOARD_DIR: dashboard,
  });
  const browser = await launchChromium();
  try {
    const token = readFileSync(join(dir, "state", "admin.token"), "utf8").trim();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    // Page scripts are strings: this project's TypeScript has no DOM types outside dashboard/.
    await page.evaluate(`sessionStorage.setItem("quikship.token", ${JSON.stringify(token)})`);
    const last = `env${String(ENVIRONMENTS).padStart(2, "0")}`;
    const firstRender: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const start = performance.now();
      await page.goto(server.url);
      await page.getByRole("button", { name: new RegExp(`^service-0000 in ${last}:`) }).waitFor({ timeout: 60_000 });
      const elapsed = performance.now() - start;
      // The first load warms up the server and the browser's caches.
      if (i > 0) firstRender.push(elapsed);
    }
    report("first render of the matrix (navigation to cells on screen)", summarize(firstRender), {
      max: TARGET_FIRST_RENDER_MS,
      of: "median",
    });
    const statusAnswer: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await (await fetch(`${server.url}/v1/status`, { headers: { authorization: `Bearer ${token}` } })).text();
      statusAnswer.push(performance.now() - start);
    }
    report("  the status matrix alone: GET /v1/status, one client", summarize(statusAnswer));
    const frames = await page.evaluate<number[]>(`(async () => {
      const body = document.querySelector(".matrix-scroll");
      const samples = [];
      for (let y = 2000; y <= 40000; y += 2000) {
        const start = performance.now();
        body.scrollTop = y;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        samples.push(performance.now() - start);
      }
      return samples;
    })()`);
    report("scroll by 40 rows, to the second frame after", summarize(frames));
    console.log(`rows in the DOM: ${await page.locator(".matrix tbody tr").count()} of ${SERVICES}`);
  } finally {
    await browser.close();
    await stopServer(server, dir);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchDashboard();
