import type { Kysely } from "kysely";
import type { Dialect } from "../db.js";
import { columnTypes } from "./columns.js";

/** API tokens and the hash-chained audit log. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { time, json } = columnTypes(dialect);
  const schema = db.schema;

  await schema
    .createTable("tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("revoked_at", time)
    .addColumn("last_used_at", time)
    .addColumn("description", "text")
    .execute();
  await schema.createIndex("tokens_user_idx").on("tokens").column("user_name").execute();

  // seq is assigned by the writer, not the database, so that two writers racing for the same
  // seq collide on the primary key instead of forking the hash chain.
  await schema
    .createTable("audit")
    .addColumn("seq", dialect === "postgres" ? "bigint" : "integer", (c) => c.primaryKey())
    .addColumn("at", time, (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("data", json, (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
}
