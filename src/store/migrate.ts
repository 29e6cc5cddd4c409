import { sql } from "kysely";
import type { Kysely } from "kysely";
import { ConflictError, InternalError } from "../errors.js";
import type { Db, Queryable } from "./db.js";
import { MIGRATIONS } from "./migrations/index.js";
import type { Migration } from "./migrations/index.js";
import { columnTypes } from "./migrations/columns.js";

/** The PostgreSQL advisory lock that serializes migrations: "quikship" in ASCII, as an int8. */
export const MIGRATION_LOCK_KEY = "8175556608779643248";

export interface MigrateOptions {
  /** Defaults to every migration this quikship knows. */
  migrations?: readonly Migration[];
  /** Milliseconds since the epoch, for applied_at. */
  now?: () => number;
}

export interface MigrateResult {
  /** The migrations this call applied, in order; empty when the database was up to date. */
  applied: Array<{ number: number; name: string }>;
  /** The number of the newest migration the database now has (0 for none). */
  version: number;
}

/**
 * Brings the database up to date, applying the pending migrations in order in one transaction.
 * Safe when several servers start at once: the transaction holds an advisory lock on
 * PostgreSQL and the write lock on SQLite, so the others wait and then find nothing to do.
 * Refuses a database that has a migration this quikship does not know.
 */
export async function migrate(db: Db, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = options.migrations ?? MIGRATIONS;
  const now = options.now ?? Date.now;
  checkNumbering(migrations);
  return db.transaction(async (tx) => {
    if (db.dialect === "postgres") await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}::bigint)`.execute(tx);
    await tx.schema
      .createTable("quikship_migrations")
      .ifNotExists()
      .addColumn("number", "integer", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("applied_at", columnTypes(db.dialect).time, (c) => c.notNull())
      .execute();
    const done = await appliedMigrations(tx);
    checkKnown(done, migrations);
    const pending = migrations.filter((m) => !done.has(m.number));
    for (const migration of pending) {
      // Migrations see an untyped schema: they describe the past, not today's row types.
      await migration.up(tx as unknown as Kysely<unknown>, db.dialect);
      await tx
        .insertInto("quikship_migrations")
        .values({ number: migration.number, name: migration.name, applied_at: now() })
        .execute();
    }
    return {
      applied: pending.map(({ number, name }) => ({ number, name })),
      version: Math.max(0, ...done.keys(), ...pending.map((m) => m.number)),
    };
  });
}

async function appliedMigrations(tx: Queryable): Promise<Map<number, string>> {
  const rows = await tx.selectFrom("quikship_migrations").select(["number", "name"]).execute();
  return new Map(rows.map((r) => [r.number, r.name]));
}

function checkKnown(done: Map<number, string>, migrations: readonly Migration[]): void {
  const newest = Math.max(0, ...done.keys());
  const known = migrations.length;
  if (newest > known) {
    throw new ConflictError(
      `database is at migration ${newest}, this quikship knows up to ${known}; upgrade quikship`,
      { details: { databaseMigration: newest, knownMigration: known } },
    );
  }
  for (const migration of migrations) {
    const name = done.get(migration.number);
    if (name !== undefined && name !== migration.name) {
      throw new ConflictError(
        `database migration ${migration.number} is "${name}" but this quikship's is "${migration.name}"; ` +
          "the database was migrated by a different build of quikship",
      );
    }
  }
}

function checkNumbering(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.number !== index + 1) {
      throw new InternalError(`migration ${migration.name} is numbered ${migration.number}, expected ${index + 1}`);
    }
  });
}
