import type { Queryable } from "../db.js";
import type { TokenRow } from "../rows.js";

/** Every token, oldest first, revoked ones included. */
export async function listTokens(db: Queryable): Promise<TokenRow[]> {
  return db.selectFrom("tokens").selectAll().orderBy("created_at").orderBy("id").execute();
}
