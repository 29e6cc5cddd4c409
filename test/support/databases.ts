/**
 * Every store test runs on both SQLite and PostgreSQL: forEachDatabase declares its block once
 * per dialect, each with a freshly migrated database of its own. A migrated database is a copy of
 * one migrated once per test file (a file copied on SQLite, a template database on PostgreSQL):
 * running every migration again for each block and each engine took longer than the copy.
 */
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe } from "node:test";
import { openDatabase } from "../../src/store/database.js";
import { DIALECTS } from "../../src/store/db.js";
import type { Db, Dialect } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrate.js";
import { createTestDatabase, startPostgres } from "./postgres.js";
import type { PostgresServer, TestDatabaseHandle } from "./postgres.js";

export interface TestDatabase {
  readonly dialect: Dialect;
  /** The block's migrated database, open from its `before` hooks to its `after` hooks. */
  readonly db: Db;
  /** The url of `db`, to open more connections to the same database. */
  readonly url: string;
  /** The url of a new, empty (unmigrated) database of this dialect, removed after the block. */
  createDatabase(): Promise<string>;
  /** The url of a new database of this dialect with every migration applied, removed after the block. */
  createMigratedDatabase(): Promise<string>;
  /** Opens a database, closed after the block. */
  open(url: string): Promise<Db>;
}

export function forEachDatabase(title: string, fn: (t: TestDatabase) => void): void {
  stopPostgresAfterwards();
  for (const dialect of DIALECTS) {
    describe(`${title} (${dialect})`, () => {
      const t = new Block(dialect);
      before(async () => {
        t.url = await t.createMigratedDatabase();
        t.main = await t.open(t.url);
      });
      after(() => t.dispose());
      fn(t);
    });
  }
}

class Block implements TestDatabase {
  url = "";
  main: Db | undefined;
  readonly #cleanups: Array<() => Promise<void>> = [];

  constructor(readonly dialect: Dialect) {}

  get db(): Db {
    if (this.main === undefined) throw new Error("the test database is open only inside tests and hooks");
    return this.main;
  }

  async createDatabase(): Promise<string> {
    if (this.dialect === "sqlite") {
      const dir = await mkdtemp(join(tmpdir(), "quikship-sqlite-"));
      this.#cleanups.push(() => rm(dir, { recursive: true, force: true }));
      return `sqlite:${join(dir, "quikship.db")}`;
    }
    const database = await createTestDatabase((await postgresServer()).url);
    this.#cleanups.push(() => database.drop());
    return database.url;
  }

  async createMigratedDatabase(): Promise<string> {
    if (this.dialect === "sqlite") {
      const url = await this.createDatabase();
      await copyFile(await migratedSqliteFile(), url.slice("sqlite:".length));
      return url;
    }
    const template = new URL((await migratedPostgresTemplate()).url).pathname.slice(1);
    const database = await createTestDatabase((await postgresServer()).url, template);
    this.#cleanups.push(() => database.drop());
    return database.url;
  }

  async open(url: string): Promise<Db> {
    const db = await openDatabase({ url });
    this.#cleanups.push(() => db.close());
    return db;
  }

  /** Closes connections before removing databases: the reverse of their creation. */
  async dispose(): Promise<void> {
    const errors: unknown[] = [];
    for (const cleanup of this.#cleanups.splice(0).reverse()) await cleanup().catch((e: unknown) => errors.push(e));
    if (errors.length > 0) throw new AggregateError(errors, "cleaning up the test databases failed");
  }
}

let server: Promise<PostgresServer> | undefined;
let stopRegistered = false;
let sqliteTemplate: Promise<{ dir: string; file: string }> | undefined;
let postgresTemplate: Promise<TestDatabaseHandle> | undefined;

/** One server per test file, started on first use. */
function postgresServer(): Promise<PostgresServer> {
  return (server ??= startPostgres());
}

/** A migrated SQLite file, made on first use, closed (nothing left in its write-ahead log). */
async function migratedSqliteFile(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), "quikship-sqlite-template-"));
    const file = join(dir, "quikship.db");
    await migrateAndClose(`sqlite:${file}`);
    return { dir, file };
  })();
  return (await sqliteTemplate).file;
}

/** A migrated database on the file's server, made on first use, no session left connected to it. */
function migratedPostgresTemplate(): Promise<TestDatabaseHandle> {
  return (postgresTemplate ??= (async () => {
    const database = await createTestDatabase((await postgresServer()).url);
    await migrateAndClose(database.url);
    return database;
  })());
}

async function migrateAndClose(url: string): Promise<void> {
  const db = await openDatabase({ url });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}

/** Stops the server after the file's last test (registered where forEachDatabase is called). */
function stopPostgresAfterwards(): void {
  if (stopRegistered) return;
  stopRegistered = true;
  after(async () => {
    const [started, sqlite, postgres] = [server, sqliteTemplate, postgresTemplate];
    server = sqliteTemplate = postgresTemplate = undefined;
    stopRegistered = false;
    await sqlite?.then(
      ({ dir }) => rm(dir, { recursive: true, force: true }),
      () => undefined,
    );
    await postgres?.then(
      (database) => database.drop(),
      () => undefined,
    );
    await started?.then(
      (s) => s.stop(),
      () => undefined,
    );
  });
}

/** Every row of every table as JSON text: what a test searches for a value that must never be stored. */
export async function dumpTables(db: Db): Promise<string> {
  const rows: string[] = [];
  for (const table of await db.kysely.introspection.getTables())
    rows.push(
      JSON.stringify(
        await db.kysely
          .selectFrom(table.name as never)
          .selectAll()
          .execute(),
      ),
    );
  return rows.join("");
}
