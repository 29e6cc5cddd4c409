import type { Kysely } from "kysely";
import type { Dialect } from "../db.js";
import { columnTypes } from "./columns.js";

/**
 * Access control: kinds and expiry of tokens, sign-in sessions shared by every server, the
 * platform versions a server loaded, and the version and groups each run was planned with.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { time, json } = columnTypes(dialect);
  const schema = db.schema;

  // bootstrap (the first-start admin token), personal (made by its owner), issued (made by an
  // administrator for a user: never approves), service (CI and bots: never approves).
  await schema
    .alterTable("tokens")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("issued"))
    .execute();
  await schema.alterTable("tokens").addColumn("expires_at", time).execute();
  // A service token's platform groups, as JSON; null for the others (their user's groups apply).
  await schema.alterTable("tokens").addColumn("groups", json).execute();
  await schema.alterTable("tokens").addColumn("rotated_from", "text").execute();
  await db
    .updateTable("tokens" as never)
    .set({ kind: "bootstrap" } as never)
    .where("user_name" as never, "=", "admin" as never)
    .where("created_by" as never, "=", "system" as never)
    .execute();

  await schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("secret_hash", "text", (c) => c.notNull().unique())
    .addColumn("user_name", "text", (c) => c.notNull())
    // oidc or local.
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("subject", "text")
    // Platform groups, as JSON: the provider's claim mapped at sign-in and at each refresh.
    .addColumn("groups", json, (c) => c.notNull())
    .addColumn("refresh_token", "text")
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("refreshed_at", time, (c) => c.notNull())
    .addColumn("expires_at", time, (c) => c.notNull())
    .addColumn("revoked_at", time)
    .execute();
  await schema.createIndex("sessions_user_idx").on("sessions").column("user_name").execute();

  await schema
    .createTable("platform_versions")
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("platform", json, (c) => c.notNull())
    .addColumn("loaded_at", time, (c) => c.notNull())
    .addColumn("loaded_by", "text", (c) => c.notNull())
    // startup, reload (API or CLI) or signal (SIGHUP).
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("diff", json, (c) => c.notNull())
    .execute();

  await schema.alterTable("runs").addColumn("platform_version", "integer").execute();
  // The submitter's groups and how they authenticated, for the re-check of waiting runs.
  await schema.alterTable("runs").addColumn("actor_groups", json).execute();
}
