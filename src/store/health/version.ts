import type { Queryable } from "../db.js";

/** The number of the last migration applied; 0 before any. */
export async function migrationVersion(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom("quikship_migrations")
    .select((eb) => eb.fn.max("number").as("version"))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}
