import type { Kysely } from "kysely";
import type { Dialect } from "../db.js";
import { addIdentity, columnTypes } from "./columns.js";

/** Approval decisions on runs, per environment: final, one per person. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { time } = columnTypes(dialect);
  await addIdentity(db.schema.createTable("approval_decisions"), dialect)
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
    .addColumn("environment", "text", (c) => c.notNull())
    .addColumn("group_name", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("at", time, (c) => c.notNull())
    .addUniqueConstraint("approval_decisions_once", ["run_id", "environment", "actor"])
    .execute();
}
