import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import Database from "better-sqlite3";
import { CompiledQuery, Kysely, SelectQueryNode, SqliteDialect, SqliteDriver } from "kysely";
import type { DatabaseConnection, Driver, QueryResult } from "kysely";
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
  readonly #connection: StatementCachingConnection;

  constructor(sqlite: Database.Database) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
    this.#connection = new StatementCachingConnection(sqlite);
  }

  /** The one connection, once the driver's lock on it is held (kysely's own driver takes it). */
  override async acquireConnection(): Promise<DatabaseConnection> {
    await super.acquireConnection();
    return this.#connection;
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
 * Kysely's SQLite connection, keeping each statement it prepared (by its SQL text, the most
 * recently used `KEPT_STATEMENTS`): a query's shape repeats, and preparing it again each time cost
 * about as much as running it. A pragma is prepared each time: SQLite makes many of them take
 * effect as they are prepared, not as they run (which is also why the begin's busy timeouts are
 * set with `pragma()` each time). A statement being iterated (a stream) is busy, so a stream
 * prepares its own.
 */
class StatementCachingConnection implements DatabaseConnection {
  readonly #sqlite: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(sqlite: Database.Database) {
    this.#sqlite = sqlite;
  }

  #prepared(sql: string): Database.Statement {
    if (PRAGMA.test(sql)) return this.#sqlite.prepare(sql);
    let stmt = this.#statements.get(sql);
    if (stmt) {
      this.#statements.delete(sql);
    } else {
      stmt = this.#sqlite.prepare(sql);
      if (this.#statements.size >= KEPT_STATEMENTS) this.#statements.delete(this.#statements.keys().next().value!);
    }
    this.#statements.set(sql, stmt);
    return stmt;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery;
    const stmt = this.#prepared(sql);
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(parameters) as R[] });
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return Promise.resolve({
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- better-sqlite3 iterates synchronously
  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { sql, parameters, query } = compiledQuery;
    if (!SelectQueryNode.is(query)) throw new Error("Sqlite driver only supports streaming of select queries");
    for (const row of this.#sqlite.prepare(sql).iterate(parameters)) yield { rows: [row as R] };
  }
}

const PRAGMA = /^\s*pragma\b/i;

function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith("SQLITE_BUSY");
}
