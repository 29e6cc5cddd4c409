import type { Queryable } from "../db.js";

/** Blue-green standbys: the revision a switch replaced keeps running until `standby_until`. */

/** Sets how long the standby revisions of a service keep running (a blue-green switch just made them standby). */
export async function setStandbyUntil(
  tx: Queryable,
  environment: string,
  service: string,
  until: number,
): Promise<void> {
  await tx
    .updateTable("revisions")
    .set({ standby_until: until })
    .where("environment", "=", environment)
    .where("service", "=", service)
    .where("status", "=", "standby")
    .execute();
}

/** A revision is no longer a standby with a deadline (it became active again). */
export async function clearStandbyUntil(
  tx: Queryable,
  environment: string,
  service: string,
  number: number,
): Promise<void> {
  await tx
    .updateTable("revisions")
    .set({ standby_until: null })
    .where("environment", "=", environment)
    .where("service", "=", service)
    .where("number", "=", number)
    .execute();
}

/** Standby revisions whose time is up. */
export async function dueStandbys(
  db: Queryable,
  now: number,
): Promise<{ environment: string; service: string; number: number; standby_until: number }[]> {
  const rows = await db
    .selectFrom("revisions")
    .select(["environment", "service", "number", "standby_until"])
    .where("status", "=", "standby")
    .where("standby_until", "<=", now)
    .execute();
  return rows.map((r) => ({ ...r, standby_until: Number(r.standby_until) }));
}

/** Claims a standby for its removal: true when this conditional update made it superseded. */
export async function claimStandby(
  db: Queryable,
  environment: string,
  service: string,
  number: number,
): Promise<boolean> {
  const claimed = await db
    .updateTable("revisions")
    .set({ status: "superseded", standby_until: null })
    .where("environment", "=", environment)
    .where("service", "=", service)
    .where("number", "=", number)
    .where("status", "=", "standby")
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) > 0;
}
