import type { Kysely } from "kysely";
import type { Dialect } from "../db.js";
import { addIdentity, columnTypes } from "./columns.js";

/** Durable runs, shared by several servers through leases. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { time, json } = columnTypes(dialect);
  const schema = db.schema;

  await schema
    .createTable("runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("wait_reason", json)
    .addColumn("request", json, (c) => c.notNull())
    .addColumn("plan", json, (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("environment", "text", (c) => c.notNull())
    .addColumn("service", "text")
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("updated_at", time, (c) => c.notNull())
    .addColumn("started_at", time)
    .addColumn("finished_at", time)
    .addColumn("error", json)
    .addColumn("lease_owner", "text")
    .addColumn("lease_expires_at", time)
    .addColumn("wake_at", time)
    .addColumn("superseded_by", "text", (c) => c.references("runs.id").onDelete("set null"))
    .execute();
  // Claiming takes the oldest claimable run; timers look for due wake_at.
  await schema.createIndex("runs_status_created_idx").on("runs").columns(["status", "created_at"]).execute();
  await schema.createIndex("runs_status_wake_idx").on("runs").columns(["status", "wake_at"]).execute();
  await schema.createIndex("runs_target_idx").on("runs").columns(["environment", "service", "created_at"]).execute();

  await schema
    .createTable("run_steps")
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
    .addColumn("stage_index", "integer", (c) => c.notNull())
    .addColumn("step_index", "integer", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("started_at", time)
    .addColumn("finished_at", time)
    .addColumn("output", json)
    .addColumn("error", json)
    .addPrimaryKeyConstraint("run_steps_pk", ["run_id", "key"])
    .execute();

  await addIdentity(schema.createTable("step_attempts"), dialect)
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("step_key", "text", (c) => c.notNull())
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("started_at", time, (c) => c.notNull())
    .addColumn("finished_at", time)
    .addColumn("outcome", "text")
    .addColumn("error", json)
    .addUniqueConstraint("step_attempts_attempt_unique", ["run_id", "step_key", "attempt"])
    .addForeignKeyConstraint("step_attempts_step_fk", ["run_id", "step_key"], "run_steps", ["run_id", "key"], (c) =>
      c.onDelete("cascade"),
    )
    .execute();

  await addIdentity(schema.createTable("run_events"), dialect)
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
    .addColumn("at", time, (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("data", json, (c) => c.notNull())
    .execute();
  await schema.createIndex("run_events_run_idx").on("run_events").columns(["run_id", "id"]).execute();

  // One holder per environment and service: the primary key is the lock.
  await schema
    .createTable("locks")
    .addColumn("environment", "text", (c) => c.notNull())
    .addColumn("service", "text", (c) => c.notNull())
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
    .addColumn("acquired_at", time, (c) => c.notNull())
    .addPrimaryKeyConstraint("locks_pk", ["environment", "service"])
    .execute();
  await schema.createIndex("locks_run_idx").on("locks").column("run_id").execute();
}
