import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { RunView } from "../../src/engine/types.js";
import { startServerProcess } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";

export const DEMO = resolve("examples/demo-service/server.js");

export function localPlatform(): { dir: string; config: string; state: string } {
  const dir = mkdtempSync(join(tmpdir(), "quikship-local-"));
  const config = join(dir, "quikship.yaml");
  writeFileSync(
    config,
    `version: 1
name: e2e
stacks:
  node: { port: 3000, healthPath: /health, local: { command: [node, ${JSON.stringify(DEMO)}] } }
services:
  api: { stack: node }
  web: { stack: node }
environments:
  dev: { tier: nonprod, target: local, minReady: 3s, progressDeadline: 30s, replicas: { min: 1, max: 3 } }
  qa:
    from: dev
    tier: nonprod
    target: local
    minReady: 1s
    progressDeadline: 30s
    tests: [{ name: smoke, command: [node, ${JSON.stringify(resolve("examples/demo-service/check.js"))}, smoke] }]
`,
  );
  return { dir, config, state: join(dir, "state") };
}

export const startLocal = (config: string, state: string): Promise<ServerProcess> =>
  startServerProcess(["--config", config, "--state", state, "--local"]);

export class Api {
  readonly #token: string;

  constructor(
    readonly server: ServerProcess,
    state: string,
  ) {
    this.#token = readFileSync(join(state, "admin.token"), "utf8").trim();
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.#token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async submit(kind: string, services: string[], params: Record<string, unknown> = {}): Promise<RunView> {
    const { status, body } = await this.call<RunView>("POST", "/v1/runs", {
      kind,
      environment: "dev",
      services,
      params,
    });
    if (status !== 201) throw new Error(`submit ${kind}: ${status} ${JSON.stringify(body)}`);
    return body;
  }

  /** Polls until the run has ended; bounded. */
  async finished(id: string, timeoutMs = 60_000): Promise<RunView> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await this.call<RunView>("GET", `/v1/runs/${id}`);
      if (["succeeded", "failed", "cancelled"].includes(body.status)) return body;
      if (Date.now() > until) throw new Error(`run ${id} still ${body.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Requests a URL in a loop until stopped, keeping every status and the versions answered. */
export function watchTraffic(url: string): { stop(): Promise<{ statuses: number[]; versions: Set<string> }> } {
  const statuses: number[] = [];
  const versions = new Set<string>();
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const response = await fetch(url);
        statuses.push(response.status);
        const body = (await response.json()) as { version?: string };
        if (body.version) versions.add(body.version);
      } catch {
        statuses.push(0);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { statuses, versions };
    },
  };
}
