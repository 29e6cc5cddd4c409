/**
 * Headless Chromium for the dashboard's end-to-end tests: Debian's `chromium` package, driven by
 * playwright-core. A missing browser fails the tests with what to install; it never skips them.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { buildDashboard } from "../../scripts/build.js";
import { startServerProcess, stopServer } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";

export const CHROMIUM = process.env.QUIKSHIP_CHROMIUM ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: the dashboard's end-to-end tests need Debian's chromium package: apt-get install -y --no-install-recommends chromium`,
    );
  }
  // Root in a container has no user namespaces for Chromium's sandbox. The tests' machines have no
  // network beyond loopback: Chromium's own background connections (updates, sync, Google's hosts
  // looked up at start) would only wait on refusals and lookups that fail, so they are turned off.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-dev-shm-usage",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * The dashboard built from the current sources: by `npm test` once for every test process
 * (QUIKSHIP_TEST_DASHBOARD_DIR), else into a directory of this test process, removed at exit.
 */
export async function freshDashboard(): Promise<string> {
  const shared = process.env.QUIKSHIP_TEST_DASHBOARD_DIR;
  if (shared) return resolve(shared);
  const outdir = `test-output/dashboard-build-${process.pid}`;
  process.once("exit", () => rmSync(outdir, { recursive: true, force: true }));
  return resolve(await buildDashboard(outdir, { concurrent: true }));
}

/**
 * Chromium and a server on the counting target serving the dashboard built from the sources
 * (`--config dir --state state`, then `args`), started at once. When either fails to start, the
 * other is stopped here before the failure is thrown: the caller's after hook never saw it.
 */
export async function dashboardServer(
  dir: string,
  state: string,
  { args = [], env = {} }: { args?: string[]; env?: Record<string, string> } = {},
): Promise<{ browser: Browser; server: ServerProcess }> {
  const dashboard = await freshDashboard();
  const [browser, server] = await Promise.allSettled([
    launchChromium(),
    startServerProcess(["--config", dir, "--state", state, ...args], {
      QUIKSHIP_TEST_TARGET: `counting:${join(dir, "effects.jsonl")}`,
      QUIKSHIP_DASHBOARD_DIR: dashboard,
      ...env,
    }),
  ]);
  if (browser.status === "fulfilled" && server.status === "fulfilled")
    return { browser: browser.value, server: server.value };
  if (browser.status === "fulfilled") await browser.value.close();
  if (server.status === "fulfilled") await stopServer(server.value, dir);
  throw browser.status === "rejected" ? browser.reason : (server as PromiseRejectedResult).reason;
}

/** A directory for screenshots, emptied first; kept after the tests as their output. */
export function screenshotDir(name: string): { dir: string; shot(page: Page, file: string): Promise<void> } {
  const dir = resolve("test-output", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    shot: async (page, file) => {
      await page.screenshot({ path: join(dir, `${file}.png`), fullPage: true });
    },
  };
}
