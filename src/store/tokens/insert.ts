import type { Insertable } from "kysely";
import type { Queryable } from "../db.js";
import type { TokensTable } from "../rows.js";

/** Stores a new token; only its hash ever reaches the database. */
export async function insertToken(db: Queryable, row: Insertable<TokensTable>): Promise<void> {
  await db.insertInto("tokens").values(row).execute();
}
