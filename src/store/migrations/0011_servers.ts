import type { Kysely } from "kysely";
import type { Dialect } from "../db.js";
import { columnTypes } from "./columns.js";

/**
 * Several servers on one database. `servers`: each server process, its heartbeat and when it
 * stopped. `runs.lease_token`: a number every claim of a run moves on, so a server holding an
 * older claim (paused past its lease, then resumed) is fenced out even when the run came back to
 * the same server. `schedule_occurrences`: one row per occurrence of scheduled work, claimed
 * once across servers. Only additions (expand): a server of the previous release ignores them.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { time } = columnTypes(dialect);
  await db.schema
    .createTable("servers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("host", "text", (c) => c.notNull())
    .addColumn("pid", "integer", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    // The newest migration this server's build knows (a rolling upgrade shows mixed builds).
    .addColumn("schema_version", "integer", (c) => c.notNull())
    .addColumn("lease_ms", "integer", (c) => c.notNull())
    .addColumn("started_at", time, (c) => c.notNull())
    .addColumn("heartbeat_at", time, (c) => c.notNull())
    .addColumn("stopped_at", time)
    .execute();
  await db.schema
    .alterTable("runs")
    .addColumn("lease_token", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("schedule_occurrences")
    // What and when: `standby/ENV/SERVICE/rN/ISO-TIME`, `drift/ENV/ISO-TIME`, a promotion rule's key.
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("run_id", "text")
    .addColumn("claimed_by", "text", (c) => c.notNull())
    .addColumn("claimed_at", time, (c) => c.notNull())
    .execute();
}
