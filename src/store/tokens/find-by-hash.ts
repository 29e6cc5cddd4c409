import type { Queryable } from "../db.js";
import type { TokenRow } from "../rows.js";

/** The token whose SHA-256 hash is `hash`, revoked or not. */
export async function findTokenByHash(db: Queryable, hash: string): Promise<TokenRow | undefined> {
  return db.selectFrom("tokens").selectAll().where("token_hash", "=", hash).executeTakeFirst();
}
