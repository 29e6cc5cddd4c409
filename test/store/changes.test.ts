import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { Change } from "../../src/store/changes/change.js";
import { openDatabase } from "../../src/store/database.js";
import type { Db } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrate.js";
import { appendEvent } from "../../src/store/runs/insert.js";
import { releaseLeases } from "../../src/store/runs/update.js";
import { forEachDatabase } from "../support/databases.js";
import { createTestDatabase, startPostgres } from "../support/postgres.js";
import type { PostgresServer, TestDatabaseHandle } from "../support/postgres.js";
import { queuedRun } from "../support/runs.js";

const T0 = 1_700_000_000_000;

/** Every change a feed tells, in order. */
function hear(db: Db): Change[] {
  const heard: Change[] = [];
  db.changes.subscribe((change) => heard.push(change));
  return heard;
}

async function until(what: string, predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const settle = (ms = 50): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

forEachDatabase("the change feed", (t) => {
  beforeEach(async () => {
    await t.db.kysely.deleteFrom("runs").execute();
    await t.db.kysely.insertInto("runs").values(queuedRun("r1", T0)).execute();
  });

  it("tells this server's listeners what a transaction wrote once it committed, and nothing of one rolled back", async () => {
    const heard = hear(t.db);
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await appendEvent(tx, "r1", T0, "log", { line: "never" });
        throw new Error("rolled back");
      }),
    );
    await t.db.transaction(async (tx) => {
      await appendEvent(tx, "r1", T0, "log", { line: "one" });
      await appendEvent(tx, "r1", T0, "log", { line: "two" });
      await settle(20);
      assert.deepEqual(heard, [], "nothing is told before the commit");
    });
    await settle();
    assert.deepEqual(heard, [{ kind: "run", runId: "r1" }], "told once for the transaction's two events");
  });

  it("tells a change written outside a transaction, and the changes of one tick once each", async () => {
    const heard = hear(t.db);
    await releaseLeases(t.db.kysely, "server-a", T0);
    for (let i = 0; i < 5; i++) t.db.changes.publish({ kind: "run", runId: "r2" });
    await settle();
    assert.deepEqual(heard, [{ kind: "ready" }, { kind: "run", runId: "r2" }]);
  });

  it(
    "tells another server sharing the database on commit, in one notification per transaction or tick",
    { skip: t.dialect !== "postgres" },
    async () => {
      const other = await t.open(t.url);
      const heard = hear(other);
      await until("the other server listens", () => other.changes.stats().listening);
      const sentBefore = t.db.changes.stats().sent;
      await assert.rejects(
        t.db.transaction(async (tx) => {
          await appendEvent(tx, "r1", T0, "log", { line: "never" });
          throw new Error("rolled back");
        }),
      );
      await t.db.transaction(async (tx) => {
        await appendEvent(tx, "r1", T0, "log", { line: "one" });
        await appendEvent(tx, "r1", T0, "log", { line: "two" });
      });
      await until("the other server hears the commit", () => heard.length > 0);
      await settle(100);
      assert.deepEqual(heard, [{ kind: "run", runId: "r1" }]);
      // The executor says the run changed after the same commit: not sent a second time.
      assert.equal(t.db.changes.stats().sent, sentBefore + 1);

      heard.length = 0;
      const ids = Array.from({ length: 300 }, (_, i) => `r-${String(i).padStart(40, "0")}`);
      for (const runId of ids) t.db.changes.publish({ kind: "run", runId });
      await until("the other server hears all 300", () => heard.length === 300);
      assert.deepEqual(
        heard.map((c) => (c.kind === "run" ? c.runId : c.kind)),
        ids,
      );
      // 300 ids of 45 characters do not fit one payload (under 8000 bytes): two or three, not 300.
      const sent = t.db.changes.stats().sent - sentBefore - 1;
      assert.ok(sent >= 2 && sent <= 3, `${sent} notifications`);
      assert.equal(t.db.changes.stats().received, 0, "a server does not hear its own notifications");
    },
  );
});

describe("the change feed when PostgreSQL restarts", () => {
  let pg: PostgresServer;
  let database: TestDatabaseHandle;
  let a: Db;
  let b: Db;
  before(async () => {
    pg = await startPostgres();
    database = await createTestDatabase(pg.url);
    a = await openDatabase({ url: database.url });
    await migrate(a);
    b = await openDatabase({ url: database.url });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
    await pg?.stop();
  });

  it(
    "listens again, tells its listeners to read everything again, and hears the other server after",
    { skip: process.env.QUIKSHIP_TEST_DATABASE_URL ? "an external server is not restarted" : false },
    async () => {
      const heard = hear(b);
      hear(a);
      await until("b listens", () => b.changes.stats().listening);
      await pg.restart!(300);
      await until("b listens again", () => b.changes.stats().listening, 15_000);
      await until("b is told to resync", () => heard.some((c) => c.kind === "resync"));
      assert.equal(b.changes.stats().reconnects, 1);
      await a.kysely.insertInto("runs").values(queuedRun("r9", T0)).execute();
      await a.transaction((tx) => appendEvent(tx, "r9", T0, "log", { line: "after the restart" }));
      await until("b hears a's change", () => heard.some((c) => c.kind === "run" && c.runId === "r9"));
    },
  );
});
