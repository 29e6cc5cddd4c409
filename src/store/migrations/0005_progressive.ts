import type { Kysely } from "kysely";
import type { Dialect } from "../db.js";
import { addIdentity, columnTypes } from "./columns.js";

/**
 * Progressive delivery: commands people give a running rollout (promote a canary step, abort),
 * and how long a revision replaced by a blue-green switch stays running as standby. And the locks
 * each run will take (`,ENV/SERVICE,…,`), so a run that locks several services, or services of
 * another environment than its own (a promotion), waits behind older runs for each of them.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { time } = columnTypes(dialect);
  await addIdentity(db.schema.createTable("run_commands"), dialect)
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
    .addColumn("command", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("at", time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("run_commands_run_idx").on("run_commands").columns(["run_id", "id"]).execute();
  await db.schema.alterTable("revisions").addColumn("standby_until", time).execute();
  await db.schema.alterTable("runs").addColumn("lock_keys", "text").execute();
}
