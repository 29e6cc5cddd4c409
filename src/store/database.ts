import type { Db } from "./db.js";
import { openPostgres } from "./postgres.js";
import { openSqlite } from "./sqlite.js";
import { parseDatabaseUrl } from "./url.js";

export type { Db, Dialect, Queryable } from "./db.js";

export interface OpenDatabaseOptions {
  /** `sqlite:PATH`, `sqlite::memory:`, a file path, or `postgres://user:pass@host:port/db`. */
  url: string;
}

/**
 * Opens the database a url names. A SQLite file's directory is created when missing; a
 * PostgreSQL server is reached once before this resolves, so a wrong url fails here. Does not
 * migrate: call `migrate(db)`.
 */
export async function openDatabase({ url }: OpenDatabaseOptions): Promise<Db> {
  const target = parseDatabaseUrl(url);
  return target.dialect === "sqlite" ? openSqlite(target.path) : openPostgres(target.url);
}
