import type { Kysely } from "kysely";
import type { Tables } from "./rows.js";

export const DIALECTS = ["sqlite", "postgres"] as const;
export type Dialect = (typeof DIALECTS)[number];

/** What a store operation runs on: the database itself or a transaction of it. */
export type Queryable = Kysely<Tables>;

/** An open database. One per process and database: it owns a connection pool. */
export interface Db {
  readonly dialect: Dialect;
  readonly kysely: Kysely<Tables>;
  /**
   * Runs fn in a transaction, committed when fn resolves and rolled back when it throws. On
   * SQLite the transaction takes the write lock at once (BEGIN IMMEDIATE), waiting for another
   * writer without blocking the event loop; inside fn use `tx`, never `kysely`.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Closes the connections; later calls do nothing. */
  close(): Promise<void>;
}

export function wrapKysely(dialect: Dialect, kysely: Kysely<Tables>): Db {
  let closing: Promise<void> | undefined;
  return {
    dialect,
    kysely,
    transaction: (fn) => kysely.transaction().execute(fn),
    close: () => (closing ??= kysely.destroy()),
  };
}
