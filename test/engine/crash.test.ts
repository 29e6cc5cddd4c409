import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { openDatabase } from "../../src/store/database.js";
import type { CountedEffect } from "../../src/targets/counting.js";
import { startServerProcess } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";

const PLATFORM = `version: 1
name: crash
stacks: { node: { port: 3000 } }
services: { api: { stack: node }, web: { stack: node }, worker: { stack: node } }
environments: { qa: { tier: nonprod } }
`;

const dir = mkdtempSync(join(tmpdir(), "quikship-crash-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const state = join(dir, "state");
const effectsFile = join(dir, "effects.log");
writeFileSync(join(dir, "quikship.yaml"), PLATFORM);

/** A small deterministic PRNG, so a failing run can be repeated. */
function random(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

interface Api {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

function api(server: ServerProcess): Api {
  const token = readFileSync(join(state, "admin.token"), "utf8").trim();
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}

const start = (): Promise<ServerProcess> =>
  startServerProcess(["--config", join(dir, "quikship.yaml"), "--state", state], {
    QUIKSHIP_TEST_TARGET: `counting:${effectsFile}`,
    QUIKSHIP_TEST_TARGET_DELAY_MS: "30",
    // Revisions of the counting target are ready at once: a rollout looks again soon, so the
    // twenty runs finish in seconds rather than waiting the default 250 ms between looks.
    QUIKSHIP_TEST_TARGET_POLL_MS: "25",
  });

const effectsSize = (): number => (existsSync(effectsFile) ? statSync(effectsFile).size : 0);

/**
 * Waits until this life of the server has applied a target effect (or 15 s have passed), so that
 * on a loaded machine a server is not killed again and again before it has done anything.
 */
async function progressSince(size: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (effectsSize() === size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function eventCount(): Promise<number> {
  const db = await openDatabase({ url: `sqlite:${join(state, "quikship.db")}` });
  try {
    const row = await db.kysely
      .selectFrom("run_events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await db.close();
  }
}

describe("a server killed with SIGKILL at any point", () => {
  it("finishes every run exactly once after restarts, and no step's effect happens twice", async (t) => {
    const next = random(20261122);
    const submitted: string[] = [];
    const killPoints = new Set<number>();
    let kills = 0;
    for (let life = 0; life < 200; life++) {
      const before = effectsSize();
      const server = await start();
      const client = api(server);
      if (killPoints.size < 20 && (life === 0 || life % 4 === 0)) {
        // Keep work coming until the server has been killed at twenty different points.
        for (let i = 0; i < 4; i++) {
          const services = ["api", "web", "worker"];
          const run = await client.request<{ id: string }>("POST", "/v1/runs", {
            kind: "deploy",
            environment: "qa",
            services,
            params: { tag: `v${submitted.length + 1}` },
          });
          submitted.push(run.id);
        }
      }
      const unfinished = async (): Promise<number> => {
        const runs = await client.request<{ id: string; status: string }[]>("GET", "/v1/runs?limit=500");
        return runs.filter((r) => !["succeeded", "failed", "cancelled"].includes(r.status)).length;
      };
      if (killPoints.size >= 20) {
        // Killed at twenty points: this life finishes what is left, then stops cleanly.
        const deadline = Date.now() + 300_000;
        while ((await unfinished()) > 0) {
          assert.ok(Date.now() < deadline, "the runs left finish on a server no longer killed");
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        server.child.kill("SIGTERM");
        assert.equal(await server.exited, 0);
        break;
      }
      if ((await unfinished()) > 0) await progressSince(before);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 120)));
      server.child.kill("SIGKILL");
      await server.exited;
      kills++;
      killPoints.add(await eventCount());
    }

    assert.ok(killPoints.size >= 20, `killed at ${killPoints.size} distinct points (${kills} kills)`);
    t.diagnostic(`${submitted.length} runs; killed ${kills} times at ${killPoints.size} distinct points`);
    const db = await openDatabase({ url: `sqlite:${join(state, "quikship.db")}` });
    try {
      const runs = await db.kysely.selectFrom("runs").select(["id", "status"]).execute();
      assert.deepEqual(new Set(runs.map((r) => r.id)), new Set(submitted));
      assert.deepEqual(
        runs.filter((r) => r.status !== "succeeded"),
        [],
        "every run succeeded",
      );
      const finishes = await db.kysely
        .selectFrom("run_events")
        .select(["run_id", "data"])
        .where("type", "=", "run")
        .execute();
      const succeeded = finishes
        .filter((e) => (JSON.parse(e.data) as { status: string }).status === "succeeded")
        .map((e) => e.run_id);
      assert.equal(succeeded.length, submitted.length, "each run finished once");
      assert.equal(new Set(succeeded).size, submitted.length);
      const reexecuted = await db.kysely.selectFrom("run_steps").select("key").where("attempts", ">", 1).execute();
      assert.ok(reexecuted.length > 0, "some steps were executed again after a kill");
    } finally {
      await db.close();
    }

    const effects = readFileSync(effectsFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as CountedEffect);
    const keys = effects.map((e) => e.key);
    assert.equal(new Set(keys).size, keys.length, "no effect happened twice");
    for (const id of submitted) {
      for (const service of ["api", "web", "worker"]) {
        assert.ok(
          keys.includes(`${id}/rollout/${service}/start`) && keys.includes(`${id}/rollout/${service}/1`),
          `${id} started ${service}`,
        );
      }
    }
    for (const service of ["api", "web", "worker"]) {
      const started = effects.filter((e) => e.service === service && e.key.endsWith("/rollout/" + service + "/1"));
      assert.deepEqual(
        started.map((e) => e.revision),
        started.map((_, i) => i + 1),
        `${service}: revisions 1..n in order`,
      );
      assert.deepEqual(
        started.map((e) => Number(e.tag.slice(1))),
        submitted.map((_, i) => i + 1),
        `${service}: deployed in submission order`,
      );
    }
  });
});
