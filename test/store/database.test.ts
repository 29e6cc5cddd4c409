import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it, test } from "node:test";
import { sql } from "kysely";
import { InputError, UnavailableError } from "../../src/errors.js";
import { openDatabase } from "../../src/store/database.js";
import { fromJson, toJson } from "../../src/store/json.js";
import { migrate } from "../../src/store/migrate.js";
import { forEachDatabase } from "../support/databases.js";
import { queuedRun } from "../support/runs.js";

const T0 = 1_700_000_000_000;

const SAMPLE = {
  text: 'ü ✓ 😀 "quoted" back\\slash\nnew line\ttab',
  numbers: [0, -1, 2.5, -3e-7, 1e21, Number.MAX_SAFE_INTEGER],
  flags: [true, false, null],
  empty: { object: {}, list: [], text: "" },
  nested: { zebra: { b: 2, a: 1 }, "key with spaces": [{ deep: [[1], [2, [3]]] }] },
};

forEachDatabase("the database", (t) => {
  it("reads JSON columns back as the values that were written", async () => {
    const values: unknown[] = [SAMPLE, "just text", 42, null, [], [SAMPLE, SAMPLE]];
    await t.db.kysely
      .insertInto("runs")
      .values(values.map((value, i) => queuedRun(`json-${i}`, T0, { request: toJson(value), error: toJson({ i }) })))
      .execute();
    const rows = await t.db.kysely
      .selectFrom("runs")
      .select(["request", "error", "wait_reason"])
      .where("id", "like", "json-%")
      .orderBy("id")
      .execute();
    assert.deepEqual(
      rows.map((r) => fromJson(r.request)),
      values,
    );
    assert.deepEqual(
      rows.map((r) => [r.error && fromJson(r.error), r.wait_reason]),
      values.map((_, i) => [{ i }, null]),
    );
  });

  it("returns timestamps, identities and counts as numbers", async () => {
    await t.db.kysely.insertInto("runs").values(queuedRun("numbers", T0)).execute();
    const event = await t.db.kysely
      .insertInto("run_events")
      .values({ run_id: "numbers", at: T0 + 1, type: "created", data: toJson({}) })
      .returning(["id", "at"])
      .executeTakeFirstOrThrow();
    const { count } = await t.db.kysely
      .selectFrom("runs")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("id", "=", "numbers")
      .executeTakeFirstOrThrow();
    assert.deepEqual([typeof event.id, event.at, count], ["number", T0 + 1, 1]);
  });

  it("commits a transaction whose function resolves and rolls back one whose function throws", async () => {
    await t.db.transaction((tx) => tx.insertInto("runs").values(queuedRun("kept", T0)).execute());
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await tx.insertInto("runs").values(queuedRun("dropped", T0)).execute();
        throw new Error("changed my mind");
      }),
      /changed my mind/,
    );
    const ids = await t.db.kysely.selectFrom("runs").select("id").where("id", "in", ["kept", "dropped"]).execute();
    assert.deepEqual(ids, [{ id: "kept" }]);
  });

  it("counts the writes made through it, and not the reads", async () => {
    const before = t.db.writes();
    await t.db.kysely.selectFrom("runs").selectAll().execute();
    assert.equal(t.db.writes(), before, "a read is not a write");
    await t.db.kysely.insertInto("runs").values(queuedRun("counted", T0)).execute();
    const afterInsert = t.db.writes();
    assert.ok(afterInsert > before, "an insert moves the count");
    await t.db.transaction((tx) =>
      tx
        .updateTable("runs")
        .set({ updated_at: T0 + 1 })
        .where("id", "=", "counted")
        .execute(),
    );
    assert.ok(t.db.writes() > afterInsert, "a transaction moves the count");
  });

  it("enforces foreign keys, so a step cannot belong to a missing run", async () => {
    const insert = t.db.kysely
      .insertInto("run_steps")
      .values({ run_id: "nobody", stage_index: 0, step_index: 0, key: "apply", kind: "apply", status: "pending" })
      .execute();
    await assert.rejects(insert, /foreign key/i);
  });
});

test("a SQLite url creates the missing directories of its file", async () => {
  const dir = await mkdtemp(join(tmpdir(), "quikship-open-"));
  try {
    const file = join(dir, "state", "nested", "quikship.db");
    const db = await openDatabase({ url: `sqlite:${file}` });
    try {
      assert.deepEqual(await migrate(db).then((r) => r.version > 0), true);
      const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.kysely);
      assert.deepEqual([db.dialect, existsSync(file), rows], ["sqlite", true, [{ journal_mode: "wal" }]]);
    } finally {
      await db.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("an in-memory SQLite database works and closing twice is harmless", async () => {
  const db = await openDatabase({ url: "sqlite::memory:" });
  await migrate(db);
  await db.kysely.insertInto("runs").values(queuedRun("memory", T0)).execute();
  await db.close();
  await db.close();
});

test("an unreachable PostgreSQL fails to open with its url, password hidden", async () => {
  await assert.rejects(openDatabase({ url: "postgres://quikship:s3cret@127.0.0.1:1/quikship" }), (error: unknown) => {
    assert.ok(error instanceof UnavailableError);
    assert.match(error.message, /^cannot reach PostgreSQL at postgres:\/\/quikship:\*\*\*@127\.0\.0\.1:1\/quikship: /);
    assert.doesNotMatch(error.message, /s3cret/);
    return true;
  });
});

test("a url of another database is refused as input", async () => {
  await assert.rejects(openDatabase({ url: "mysql://root@localhost/quikship" }), InputError);
});
