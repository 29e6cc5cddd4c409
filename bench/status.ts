import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startCountingServer, stopServer } from "../test/support/server-process.js";

const CLIENTS = 100;
const REQUESTS_PER_CLIENT = 30;
const WARMUP_PER_CLIENT = 3;
const TARGET_P99_MS = 50;

/**
 * GET /v1/status with 100 clients at once, each sending its next request when the last is
 * answered, against a real server on the QuikApp platform (every environment on the counting
 * target), while a deploy of every service to the first rung rolls out. Latency as a client sees it.
 */
export async function benchStatus(): Promise<void> {
  console.log("\n# API status under 100 concurrent clients (QuikApp, counting target)");
  const dir = mkdtempSync(join(tmpdir(), "quikship-bench-status-"));
  cpSync(resolve("examples/quikapp"), dir, { recursive: true });
  const state = join(dir, ".state");
  const server = await startCountingServer(dir, state);
  try {
    const headers = { authorization: `Bearer ${readFileSync(join(state, "admin.token"), "utf8").trim()}` };
    const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${server.url}${path}`, { method, headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const services = (await call<{ name: string }[]>("GET", "/v1/platform/services")).map((s) => s.name);
    const environments = (await call<{ name: string }[]>("GET", "/v1/platform/environments")).map((e) => e.name);
    const run = await call<{ id: string }>("POST", "/v1/runs", { kind: "deploy", environment: environments[0], services, params: { tag: "v1.0.0" } });
    // Measured while the deploy rolls out (each service waits its minReady): the matrix shows it in progress.
    for (let status = "queued"; status === "queued"; ) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await call<{ status: string }>("GET", `/v1/runs/${run.id}`)).status;
      if (status === "failed" || status === "cancelled") throw new Error(`the deploy ${run.id} ${status}`);
    }
    const client = async (requests: number, samples: number[]): Promise<void> => {
      for (let i = 0; i < requests; i++) {
        const start = performance.now();
        const res = await fetch(`${server.url}/v1/status`, { headers });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`GET /v1/status: ${res.status}`);
        samples.push(performance.now() - start);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, () => client(WARMUP_PER_CLIENT, [])));
    const samples: number[] = [];
    const started = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, () => client(REQUESTS_PER_CLIENT, samples)));
    const seconds = (performance.now() - started) / 1000;
    samples.sort((a, b) => a - b);
    const at = (q: number): number => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
    const p99 = at(0.99);
    console.log(`matrix: ${environments.length} environments × ${services.length} services; ${samples.length} requests in ${seconds.toFixed(1)} s (${(samples.length / seconds).toFixed(0)}/s)`);
    console.log(
      `${"GET /v1/status, 100 concurrent clients".padEnd(58)} p50 ${at(0.5).toFixed(1)} ms  p99 ${p99.toFixed(1)} ms  max ${samples[samples.length - 1]!.toFixed(1)} ms  target p99 ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? "met" : "MISSED"}`,
    );
  } finally {
    await stopServer(server, dir);
  }
}
