import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { it, test } from "node:test";
import { sql } from "kysely";
import { ConflictError } from "../../src/errors.js";
import { migrate } from "../../src/store/migrate.js";
import { MIGRATIONS } from "../../src/store/migrations/index.js";
import type { Migration } from "../../src/store/migrations/index.js";
import { forEachDatabase } from "../support/databases.js";

const ENGINE_TABLES = [
  "approval_decisions",
  "audit",
  "audit_checkpoints",
  "digest_deletions",
  "digest_pins",
  "locks",
  "platform_versions",
  "quikship_migrations",
  "release_items",
  "releases",
  "revisions",
  "run_commands",
  "run_events",
  "run_steps",
  "runs",
  "scan_reports",
  "schedule_occurrences",
  "servers",
  "sessions",
  "step_attempts",
  "tokens",
];
const KNOWN = MIGRATIONS.map(({ number, name }) => ({ number, name }));

test("every migration file is listed once, in the order of its number", () => {
  const dir = fileURLToPath(new URL("../../src/store/migrations/", import.meta.url));
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.ts$/.test(f) && !f.endsWith(".test.ts"))
    .sort();
  assert.deepEqual(
    files,
    MIGRATIONS.map((m) => `${String(m.number).padStart(4, "0")}_${m.name}.ts`),
  );
});

forEachDatabase("migrate", (t) => {
  it("creates every table the run engine needs", async () => {
    const tables = await t.db.kysely.introspection.getTables();
    assert.deepEqual(tables.map((table) => table.name).sort(), ENGINE_TABLES);
  });

  it("records each migration once and does nothing when run again", async () => {
    assert.deepEqual(await migrate(t.db), { applied: [], version: MIGRATIONS.length });
    const rows = await t.db.kysely
      .selectFrom("quikship_migrations")
      .select(["number", "name"])
      .orderBy("number")
      .execute();
    assert.deepEqual(rows, KNOWN);
  });

  it("applies each migration exactly once when two servers migrate the same database at once", async () => {
    const url = await t.createDatabase();
    const [a, b] = await Promise.all([t.open(url), t.open(url)]);
    const results = await Promise.all([migrate(a), migrate(b)]);
    assert.deepEqual(
      results.map((r) => r.applied).sort((x, y) => x.length - y.length),
      [[], KNOWN],
    );
    assert.deepEqual(
      results.map((r) => r.version),
      [MIGRATIONS.length, MIGRATIONS.length],
    );
    const rows = await b.kysely
      .selectFrom("quikship_migrations")
      .select(["number", "name"])
      .orderBy("number")
      .execute();
    assert.deepEqual(rows, KNOWN);
  });

  it("refuses a database migrated by a newer quikship, saying which versions differ", async () => {
    const db = await t.open(await t.createDatabase());
    await migrate(db);
    const newer = MIGRATIONS.length + 1;
    await db.kysely.insertInto("quikship_migrations").values({ number: newer, name: "later", applied_at: 0 }).execute();
    await assert.rejects(migrate(db), (error: unknown) => {
      assert.ok(error instanceof ConflictError);
      assert.equal(
        error.message,
        `database is at migration ${newer}, this quikship knows up to ${MIGRATIONS.length}; upgrade quikship`,
      );
      return true;
    });
  });

  it("refuses a database whose migration of the same number has another name", async () => {
    const db = await t.open(await t.createDatabase());
    const renamed: Migration[] = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, name: "other" } : m));
    await migrate(db, { migrations: renamed });
    await assert.rejects(migrate(db), /database migration 1 is "other" but this quikship's is "runs"/);
  });

  it("rolls back the whole run when a migration fails, leaving the database as it was", async () => {
    const db = await t.open(await t.createDatabase());
    const failing: Migration[] = [
      { number: 1, name: "first", up: (s) => s.schema.createTable("first").addColumn("x", "integer").execute() },
      { number: 2, name: "broken", up: () => Promise.reject(new Error("migration 2 broke")) },
    ];
    await assert.rejects(migrate(db, { migrations: failing }), /migration 2 broke/);
    assert.deepEqual(await db.kysely.introspection.getTables(), []);
    assert.deepEqual(await migrate(db, { migrations: failing.slice(0, 1) }), {
      applied: [{ number: 1, name: "first" }],
      version: 1,
    });
  });

  it("stamps each migration with the time it was applied", async () => {
    const db = await t.open(await t.createDatabase());
    await migrate(db, { now: () => 1_700_000_000_123 });
    const rows = await db.kysely
      .selectFrom("quikship_migrations")
      .select(sql<number>`min(applied_at)`.as("at"))
      .execute();
    assert.deepEqual(rows, [{ at: 1_700_000_000_123 }]);
  });
});
