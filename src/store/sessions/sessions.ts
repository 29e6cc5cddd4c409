import type { Insertable } from "kysely";
import type { SessionsTable } from "../access-rows.js";
import type { Queryable } from "../db.js";
import type { JsonText } from "../json.js";
import type { SessionRow } from "../rows.js";

/** Stores a new session; only its secret's hash reaches the database. */
export async function insertSession(db: Queryable, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto("sessions").values(row).execute();
}

export async function findSessionByHash(db: Queryable, hash: string): Promise<SessionRow | undefined> {
  return db.selectFrom("sessions").selectAll().where("secret_hash", "=", hash).executeTakeFirst();
}

/** Records the groups read again from the provider (and its new refresh token, if it sent one). */
export async function refreshSession(
  db: Queryable,
  id: string,
  update: { groups: JsonText<string[]>; refreshToken: string | null; at: number },
): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ groups: update.groups, refresh_token: update.refreshToken, refreshed_at: update.at })
    .where("id", "=", id)
    .execute();
}

export async function revokeSession(db: Queryable, id: string, at: number): Promise<boolean> {
  const r = await db
    .updateTable("sessions")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The groups of a user's newest live session: what their personal tokens act with beyond the platform file. */
export async function latestSessionGroups(
  db: Queryable,
  user: string,
  now: number,
): Promise<JsonText<string[]> | undefined> {
  const row = await db
    .selectFrom("sessions")
    .select("groups")
    .where("user_name", "=", user)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("refreshed_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.groups;
}
