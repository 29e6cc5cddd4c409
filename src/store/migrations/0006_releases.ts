import type { Kysely } from "kysely";
import type { Dialect } from "../db.js";
import { columnTypes } from "./columns.js";

/** Releases: what one deploy or promotion moved into one environment, and what each service ran before. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { time } = columnTypes(dialect);
  await db.schema
    .createTable("releases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("environment", "text", (c) => c.notNull())
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
    .addColumn("actor", "text", (c) => c.notNull())
    // rolling-out, released, failed (moved back when it failed), rolled-back (by a rollback run).
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("finished_at", time)
    // One release per run and environment: recording it again finds the same one.
    .addUniqueConstraint("releases_run_environment_unique", ["run_id", "environment"])
    .execute();
  await db.schema
    .createIndex("releases_environment_idx")
    .on("releases")
    .columns(["environment", "created_at"])
    .execute();
  await db.schema.createIndex("releases_created_idx").on("releases").columns(["created_at"]).execute();

  await db.schema
    .createTable("release_items")
    .addColumn("release_id", "text", (c) => c.notNull().references("releases.id").onDelete("cascade"))
    // The train order: each service after the ones it depends on.
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("service", "text", (c) => c.notNull())
    .addColumn("tag", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    // Null when the release installed the service.
    .addColumn("previous_revision", "integer")
    .addColumn("previous_tag", "text")
    .addPrimaryKeyConstraint("release_items_pk", ["release_id", "service"])
    .execute();
}
