import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RevisionSpec } from "../../src/local/contract.js";
import { isRunning } from "../../src/local/agent/proc.js";

/**
 * A tiny instance: answers /health (503 after GET /sick, until GET /well), echoes its environment on
 * /env, says who it is elsewhere; logs its secret; with IGNORE_SIGTERM it must be killed.
 */
const INSTANCE = `
import http from "node:http";
let healthy = true;
const server = http.createServer((req, res) => {
  if (req.url === "/health") return res.writeHead(healthy ? 200 : 503).end();
  if (req.url === "/sick" || req.url === "/well") healthy = req.url === "/well";
  res.setHeader("content-type", "application/json");
  if (req.url === "/env") return res.end(JSON.stringify(process.env));
  res.end(JSON.stringify({ service: process.env.SERVICE_NAME, version: process.env.VERSION, pid: process.pid }));
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => {
  console.log("listening on " + process.env.PORT + " with key " + process.env.API_KEY);
  console.error("a line on stderr");
});
process.on("SIGTERM", () => (process.env.IGNORE_SIGTERM ? console.log("ignoring SIGTERM") : process.exit(0)));
`;

/** A temporary directory holding the instance script (as instance.mjs) and room for a state directory. */
export function workspace(): { dir: string; script: string; state: string } {
  const dir = mkdtempSync(join(tmpdir(), "quikship-agent-"));
  const script = join(dir, "instance.mjs");
  writeFileSync(script, INSTANCE);
  return { dir, script, state: join(dir, "state") };
}

export const SECRET = "s3cr3t-Value-42";

export function spec(script: string, overrides: Partial<RevisionSpec> = {}): RevisionSpec {
  return {
    environment: "dev",
    service: "api",
    revision: 1,
    tag: "v1.0.0",
    replicas: 1,
    command: [process.execPath, script],
    cwd: tmpdir(),
    healthPath: "/health",
    env: { API_KEY: SECRET, GREETING: "hello" },
    secretNames: ["API_KEY"],
    ...overrides,
  };
}

/** Polls `check` until it returns a value other than undefined/false; fails after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until none of the pids runs (zombies count as gone). */
export function gone(pids: number[], timeoutMs = 10_000): Promise<true> {
  return until(`pids ${pids.join(", ")} are gone`, () => pids.every((pid) => !isRunning(pid)), timeoutMs);
}

/** Last resort in `after` hooks: SIGKILL whatever of these still runs. */
export function killAll(pids: Iterable<number>): void {
  for (const pid of pids) {
    try {
      if (isRunning(pid)) process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
