/**
 * Two engines on one PostgreSQL database, as two servers run them: the one that executes runs looks
 * for work only once a minute, so it is the change feed alone that makes it take, at once, a run
 * queued or a lock released through the other.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { systemClock } from "../../src/engine/clock.js";
import { createEngine } from "../../src/engine/index.js";
import type { Engine } from "../../src/engine/index.js";
import type { Db } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrate.js";
import { lockHolders } from "../../src/store/locks/read.js";
import { CountingTarget } from "../../src/targets/counting.js";
import { singleTarget } from "../../src/targets/registry.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { testPlatform } from "./support.js";

after(removeTrees);

const PLATFORM = testPlatform(`version: 1
name: feed
stacks: { node: { port: 3000 } }
services: { api: { stack: node } }
environments: { e1: { tier: nonprod } }
`);

/** Far longer than the test waits: a run taken within it was taken because the feed said so. */
const POLL_MS = 60_000;
const WITHIN_MS = 1_000;

function engineOn(db: Db, owner: string, delayMs: number): Engine {
  const target = new CountingTarget(join(mkdtempSync(join(tmpdir(), "quikship-feed-")), "effects.log"), delayMs);
  return createEngine({
    db,
    platform: PLATFORM,
    clock: systemClock,
    targets: singleTarget(target),
    owner,
    pollMs: POLL_MS,
  });
}

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

forEachDatabase("the worker and another server's changes", (t) => {
  it(
    "takes a run queued through another server, and a lock that server released, at once rather than at its next look",
    { skip: t.dialect !== "postgres" },
    async () => {
      const url = await t.createDatabase();
      const [dbA, dbB] = [await t.open(url), await t.open(url)];
      await migrate(dbA);
      // A answers requests but executes nothing; B executes, looking for work once a minute.
      const a = engineOn(dbA, "server-a", 0);
      const b = engineOn(dbB, "server-b", 600);
      b.start();
      try {
        await until("B listens", () => Promise.resolve(dbB.changes.stats().listening ? true : undefined), 5_000);
        await new Promise((resolve) => setTimeout(resolve, 200)); // B's first look is behind it
        const deploy = (tag: string) => ({
          kind: "deploy" as const,
          environment: "e1",
          services: ["api"],
          params: { tag },
        });
        const first = await a.api.submit(deploy("v1"), "alice");
        const queuedAt = Date.now();
        await until(
          "B holds the first run's lock",
          async () => ((await lockHolders(dbA.kysely, "e1")).some((l) => l.run_id === first.id) ? true : undefined),
          WITHIN_MS,
        );
        const tookMs = Date.now() - queuedAt;
        const second = await a.api.submit(deploy("v2"), "alice");
        await until(
          "the second run waits for the lock",
          async () => ((await a.api.get(second.id)).waitReason?.kind === "lock" ? true : undefined),
          5_000,
        );
        // Cancelled through A: the lock is released there, and B is told its waiter may go on.
        await a.api.cancel(first.id, "alice");
        const releasedAt = Date.now();
        await until(
          "B takes the lock for the second run",
          async () => ((await lockHolders(dbA.kysely, "e1")).some((l) => l.run_id === second.id) ? true : undefined),
          WITHIN_MS,
        );
        const wokeMs = Date.now() - releasedAt;
        assert.ok(tookMs < WITHIN_MS && wokeMs < WITHIN_MS, `took ${tookMs} ms, woke ${wokeMs} ms`);
        assert.ok(dbB.changes.stats().received >= 2, "B heard A's notifications");
      } finally {
        await b.stop();
        await a.stop();
      }
    },
  );
});
