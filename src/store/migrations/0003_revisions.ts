import type { Kysely } from "kysely";
import type { Dialect } from "../db.js";
import { columnTypes } from "./columns.js";

/** What each service runs in each environment, numbered per environment and service. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { time, json } = columnTypes(dialect);
  await db.schema
    .createTable("revisions")
    .addColumn("environment", "text", (c) => c.notNull())
    .addColumn("service", "text", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("tag", "text", (c) => c.notNull())
    .addColumn("replicas", "integer", (c) => c.notNull())
    // pending (being rolled out), active (serving), standby (kept for a fast switch back),
    // superseded (replaced), failed (rolled out and rolled back).
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("activated_at", time)
    .addColumn("detail", json, (c) => c.notNull())
    .addPrimaryKeyConstraint("revisions_pk", ["environment", "service", "number"])
    .execute();
  await db.schema.createIndex("revisions_run_idx").on("revisions").columns(["run_id"]).execute();
}
