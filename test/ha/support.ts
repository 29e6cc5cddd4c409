/** Several real `quikship server` processes on one throwaway PostgreSQL database, every environment on the counting target. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../src/store/database.js";
import type { Db } from "../../src/store/db.js";
import type { CountedCall, CountedEffect } from "../../src/targets/counting.js";
import { cliBundle } from "../support/cli-bundle.js";
import { createTestDatabase, startPostgres } from "../support/postgres.js";
import type { PostgresServer, TestDatabaseHandle } from "../support/postgres.js";
import { startServerProcess } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";

export const ENVIRONMENTS = ["e1", "e2", "e3", "e4", "e5"];

const platform = (environments: readonly string[]): string => `version: 1
name: ha
stacks: { node: { port: 3000 } }
services: { api: { stack: node }, web: { stack: node } }
environments: { ${environments.map((e, i) => `${e}: { tier: nonprod${i > 0 ? `, from: ${environments[i - 1]}` : ""} }`).join(", ")} }
`;

/** `count` environment names, e1 … eN: a ladder, each promoted from the one before. */
export const environmentNames = (count: number): string[] => Array.from({ length: count }, (_, i) => `e${i + 1}`);

export interface Node {
  server: ServerProcess;
  state: string;
  token: string;
}

export class Cluster {
  readonly dir = mkdtempSync(join(tmpdir(), "quikship-ha-"));
  readonly effects = join(this.dir, "effects.jsonl");
  #pg: PostgresServer | undefined;
  /** Whether stop() stops the PostgreSQL server too (it was started for this cluster alone). */
  #ownsPg = false;
  #database: TestDatabaseHandle | undefined;
  #db: Db | undefined;
  readonly nodes: Node[] = [];

  /** `environments`: the platform's environments, all on the counting target. */
  constructor(readonly environments: readonly string[] = ENVIRONMENTS) {}

  /**
   * Starts `count` servers at once (migrations are safe to race: the first to take the lock
   * migrates, the others find the database ready), each effect taking `delayMs` on the counting
   * target. `postgres`: a server several clusters of one file share (left running by stop()); by
   * default one of the cluster's own.
   */
  async start(count: number, delayMs: number, postgres?: PostgresServer): Promise<void> {
    writeFileSync(join(this.dir, "quikship.yaml"), platform(this.environments));
    this.#ownsPg = postgres === undefined;
    // The CLI bundle is built while PostgreSQL starts, not after it; stop() finds the server even when the bundle failed.
    const starting = (postgres ? Promise.resolve(postgres) : startPostgres()).then((pg) => (this.#pg = pg));
    const [pg] = await Promise.all([starting, cliBundle()]);
    this.#database = await createTestDatabase(pg.url);
    const started = await Promise.allSettled(Array.from({ length: count }, (_, i) => this.#startNode(i, delayMs)));
    // The servers that did start are stopped by stop() when another did not.
    for (const result of started) if (result.status === "fulfilled") this.nodes.push(result.value);
    const failed = started.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    this.#db = await openDatabase({ url: this.url });
  }

  get url(): string {
    if (!this.#database) throw new Error("the cluster is not started");
    return this.#database.url;
  }

  get db(): Db {
    if (!this.#db) throw new Error("the cluster is not started");
    return this.#db;
  }

  async add(delayMs: number): Promise<Node> {
    const node = await this.#startNode(this.nodes.length, delayMs);
    this.nodes.push(node);
    return node;
  }

  async #startNode(index: number, delayMs: number): Promise<Node> {
    const state = join(this.dir, `state-${index}`);
    const server = await startServerProcess(
      ["--config", join(this.dir, "quikship.yaml"), "--state", state, "--database-url", this.url],
      { QUIKSHIP_TEST_TARGET: `counting:${this.effects}`, QUIKSHIP_TEST_TARGET_DELAY_MS: String(delayMs) },
    );
    return { server, state, token: readFileSync(join(state, "admin.token"), "utf8").trim() };
  }

  async request<T>(node: Node, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${node.server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${node.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Submits a deploy of api and web to an environment through a server. */
  async deploy(node: Node, environment: string, tag: string): Promise<string> {
    const run = await this.request<{ id: string }>(node, "POST", "/v1/runs", {
      kind: "deploy",
      environment,
      services: ["api", "web"],
      params: { tag },
    });
    return run.id;
  }

  /** Waits until every run has ended; their statuses. */
  async settle(timeoutMs: number): Promise<Map<string, string>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const runs = await this.db.kysely.selectFrom("runs").select(["id", "status"]).execute();
      if (runs.every((r) => ["succeeded", "failed", "cancelled"].includes(r.status)))
        return new Map(runs.map((r) => [r.id, r.status]));
      if (Date.now() > deadline) throw new Error(`runs not finished: ${JSON.stringify(runs)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Restarts PostgreSQL under the servers (a fast shutdown, `downMs` down, a start), as `pg_ctl restart -m fast` does. */
  async restartDatabase(downMs: number): Promise<void> {
    if (!this.#pg?.restart) throw new Error("an external PostgreSQL server is not restarted by the tests");
    await this.#pg.restart(downMs);
  }

  /**
   * Waits until every run has ended, then asserts that each of `ids` succeeded and that no counted
   * effect happened twice; the effects' keys.
   */
  async settleOnce(ids: string[], timeoutMs = 120_000): Promise<string[]> {
    const statuses = await this.settle(timeoutMs);
    assert.deepEqual(
      ids.filter((id) => statuses.get(id) !== "succeeded"),
      [],
      "every run succeeded",
    );
    const keys = this.effectKeys();
    assert.equal(new Set(keys).size, keys.length, "no effect happened twice");
    return keys;
  }

  effectKeys(): string[] {
    return lines<CountedEffect>(this.effects).map((e) => e.key);
  }

  calls(): CountedCall[] {
    return lines<CountedCall>(`${this.effects}.calls`);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.nodes.map(async ({ server }) => {
        if (server.child.exitCode === null && server.child.signalCode === null) {
          server.child.kill("SIGCONT");
          server.child.kill("SIGTERM");
          await server.exited;
        }
      }),
    );
    await this.#db?.close();
    await this.#database?.drop();
    if (this.#ownsPg) await this.#pg?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function lines<T>(file: string): T[] {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
