import type { Queryable } from "../db.js";
import type { TokenRow } from "../rows.js";

export async function findTokenById(db: Queryable, id: string): Promise<TokenRow | undefined> {
  return db.selectFrom("tokens").selectAll().where("id", "=", id).executeTakeFirst();
}
