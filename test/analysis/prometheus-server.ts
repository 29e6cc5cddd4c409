/**
 * A throwaway Prometheus (the Debian package's binary) for tests: a generated config that scrapes
 * the given URLs every 200 ms, storage in a temp dir, listening on a free loopback port. Our child
 * process, stopped in stop() or at the latest when the test process exits.
 */
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../src/local/agent/health.js";

export const SCRAPE_INTERVAL_MS = 200;
const READY_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 3;

export interface PrometheusServer {
  url: string;
  stop(): Promise<void>;
}

/** The binary, or a failure that says how to install it: the tests must not pass without it. */
export function findPrometheus(): string {
  const found = spawnSync("prometheus", ["--version"], { encoding: "utf8" });
  if (found.error || found.status !== 0) {
    throw new Error(
      "the prometheus binary is not installed, and the Prometheus provider tests need a real one: " +
        "install the Debian package with `apt-get install -y --no-install-recommends prometheus` (.ci/run does)",
    );
  }
  return "prometheus";
}

/** Each target URL (`http://host:port/path`) becomes a scrape job of its own. */
export function scrapeConfig(targets: readonly string[]): string {
  const jobs = targets.map((target, i) => {
    const url = new URL(target);
    return [
      `  - job_name: target-${i}`,
      `    scrape_interval: ${SCRAPE_INTERVAL_MS}ms`,
      `    scrape_timeout: ${SCRAPE_INTERVAL_MS}ms`,
      `    metrics_path: ${JSON.stringify(url.pathname)}`,
      `    static_configs:`,
      `      - targets: [${JSON.stringify(url.host)}]`,
    ].join("\n");
  });
  return `global:\n  scrape_interval: ${SCRAPE_INTERVAL_MS}ms\n  scrape_timeout: ${SCRAPE_INTERVAL_MS}ms\nscrape_configs:\n${jobs.join("\n")}\n`;
}

export async function startPrometheus(targets: readonly string[]): Promise<PrometheusServer> {
  const binary = findPrometheus();
  const dir = await mkdtemp(join(tmpdir(), "quikship-prometheus-"));
  try {
    await writeFile(join(dir, "prometheus.yml"), scrapeConfig(targets));
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const args = [
        `--config.file=${join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--log.level=warn",
      ];
      const child = spawn(binary, args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
      try {
        await ready(child, `http://127.0.0.1:${port}`);
        return guard(child, `http://127.0.0.1:${port}`, dir);
      } catch (error) {
        child.kill("SIGKILL");
        // Another process may have taken the port between freePort and the bind.
        if (attempt === PORT_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Polls /-/ready; rejects with Prometheus's log if it exits first or is not ready in time. */
async function ready(child: ChildProcess, url: string): Promise<void> {
  let log = "";
  let exited: string | undefined;
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => (log = (log + chunk).slice(-8_000)));
  child.once("exit", (code, signal) => (exited = signal ?? `code ${code}`));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the test Prometheus exited (${exited}) before it was ready:\n${log}`);
    const ok = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the test Prometheus was not ready within ${READY_TIMEOUT_MS} ms:\n${log}`);
}

function guard(child: ChildProcess, url: string, dir: string): PrometheusServer {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const onExit = (): void => {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", onExit);
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop: () =>
      (stopping ??= (async () => {
        process.off("exit", onExit);
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGTERM");
          await exited;
        }
        await rm(dir, { recursive: true, force: true });
      })()),
  };
}
