import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import Database from "better-sqlite3";
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver } from "kysely";
import type { DatabaseConnection, Driver, SqliteDatabase } from "kysely";
import { InputError, UnavailableError } from "../errors.js";
import { InProcessChangeFeed } from "./changes/feed.js";
import { wrapKysely } from "./db.js";
import type { Db } from "./db.js";
import type { Tables } from "./rows.js";

/** How long a statement or a transaction waits for another writer before giving up. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;
const MAX_RETRY_DELAY_MS = 50;
/** How many prepared statements a database keeps: the store's queries are a few hundred shapes at most. */
const KEPT_STATEMENTS = 500;

export function openSqlite(path: string): Db {
  const sqlite = openFile(path);
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // One server per SQLite database (see server/presence.ts): its changes stay in the process.
  const kysely = new Kysely<Tables>({ dialect: new ImmediateSqliteDialect(sqlite) });
  return wrapKysely("sqlite", kysely, new InProcessChangeFeed());
}

function openFile(path: string): Database.Database {
  const memory = path === ":memory:";
  const shown = memory ? path : resolve(path);
  try {
    if (!memory) mkdirSync(dirname(shown), { recursive: true });
    return new Database(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`cannot open the SQLite database ${shown}: ${reason}`, { cause: error });
  }
}

/** Kysely's SQLite dialect, with transactions that take the write lock up front. */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #sqlite: Database.Database;

  constructor(sqlite: Database.Database) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#sqlite);
  }
}

/**
 * A deferred BEGIN that later writes can fail with SQLITE_BUSY however long it waits, so
 * transactions begin IMMEDIATE. better-sqlite3 waits for a lock synchronously, freezing the event
 * loop; then a transaction held by another connection in this same process could never finish.
 * So the begin does not use busy_timeout: it retries on a timer until the lock is free.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #sqlite: Database.Database;

  constructor(sqlite: Database.Database) {
    super({ database: keepingStatements(sqlite) });
    this.#sqlite = sqlite;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
    this.#sqlite.pragma("busy_timeout = 0");
    try {
      for (let waitMs = 1; ; waitMs = Math.min(waitMs * 2, MAX_RETRY_DELAY_MS)) {
        try {
          await connection.executeQuery(CompiledQuery.raw("begin immediate"));
          return;
        } catch (error) {
          if (!isBusy(error)) throw error;
          if (Date.now() >= deadline) {
            throw new UnavailableError(
              `the SQLite database stayed locked by another writer for ${SQLITE_BUSY_TIMEOUT_MS} ms`,
              { cause: error },
            );
          }
          await delay(waitMs);
        }
      }
    } finally {
      this.#sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    }
  }

  /** SQLite rolls some failed transactions back by itself; a second rollback would hide the error. */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

/**
 * The database as kysely's own driver uses it, keeping each statement it prepared (by its SQL text,
 * the most recently used `KEPT_STATEMENTS`): a query's shape repeats, and preparing it again each
 * time cost about as much as running it. A pragma is prepared each time: SQLite makes many of them
 * take effect as they are prepared, not as they run (which is also why the begin's busy timeouts
 * are set with `pragma()` each time). A kept statement that a stream is still iterating is busy, so
 * the same SQL meanwhile gets a statement of its own.
 */
export function keepingStatements(sqlite: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): Database.Statement {
      if (PRAGMA.test(sql)) return sqlite.prepare(sql);
      let stmt = statements.get(sql);
      if (stmt?.busy) return sqlite.prepare(sql);
      if (stmt) {
        statements.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (statements.size >= KEPT_STATEMENTS) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, stmt);
      return stmt;
    },
  };
}

const PRAGMA = /^\s*pragma\b/i;

function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith("SQLITE_BUSY");
}
