import type { Queryable } from "../db.js";
import type { TokenRow } from "../rows.js";

export type RevokeResult =
  { outcome: "revoked"; token: TokenRow } | { outcome: "already-revoked"; token: TokenRow } | { outcome: "unknown" };

/** Revokes a token at `at`. One conditional update, so two revocations cannot both win. */
export async function revokeToken(db: Queryable, id: string, at: number): Promise<RevokeResult> {
  const revoked = await db
    .updateTable("tokens")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .returningAll()
    .executeTakeFirst();
  if (revoked) return { outcome: "revoked", token: revoked };
  const existing = await db.selectFrom("tokens").selectAll().where("id", "=", id).executeTakeFirst();
  return existing ? { outcome: "already-revoked", token: existing } : { outcome: "unknown" };
}
