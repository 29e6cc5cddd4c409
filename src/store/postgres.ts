import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { CustomTypesConfig } from "pg";
import { InternalError, UnavailableError } from "../errors.js";
import { CHANGES_CHANNEL, PostgresChangeFeed } from "./changes/postgres.js";
import { wrapKysely } from "./db.js";
import type { Db } from "./db.js";
import type { Tables } from "./rows.js";
import { redactUrl } from "./url.js";

const INT8_OID = 20;
const JSON_OID = 114;
const JSONB_OID = 3802;

type TypeFormat = "text" | "binary";

/** How long a session may sit in an open transaction doing nothing (shorter than the default lease). */
export const IDLE_IN_TRANSACTION_MS = 2000;

/**
 * int8 (timestamps, identities, count(*)) comes back as a number, as on SQLite; json and jsonb
 * come back as text, as on SQLite, for `fromJson` to parse. Set per pool, not on pg's global
 * parsers, so other users of pg in the process are unaffected.
 */
const TYPES: CustomTypesConfig = {
  getTypeParser: (oid: number, format?: TypeFormat) => {
    if (oid === INT8_OID) return parseInt8;
    if (oid === JSON_OID || oid === JSONB_OID) return (text: string) => text;
    return pg.types.getTypeParser(oid, format) as (text: string) => unknown;
  },
};

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new InternalError(`int8 value ${text} is beyond a safe JS integer`);
  return value;
}

export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    types: TYPES,
    // A server paused (or cut off) inside a transaction must not keep its row locks: PostgreSQL
    // ends such a session, so the other servers can claim the runs it held once their leases end.
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
  });
  // An idle client that loses its connection is dropped and replaced by the pool; without a
  // listener the 'error' event would crash the process. Queries still report their own errors.
  pool.on("error", () => undefined);
  // So does a client in use whose session PostgreSQL ends (a restart, the idle-in-transaction
  // timeout after this process was paused): its query fails, the process goes on.
  pool.on("connect", (client) => client.on("error", () => undefined));
  const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(kysely);
  } catch (error) {
    await kysely.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnavailableError(`cannot reach PostgreSQL at ${redactUrl(url)}: ${reason}`, { cause: error });
  }
  const feed = new PostgresChangeFeed({
    url,
    notify: async (payload, q) => {
      await sql`select pg_notify(${CHANGES_CHANNEL}, ${payload})`.execute(q ?? kysely);
    },
  });
  return wrapKysely("postgres", kysely, feed);
}
