import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Dialect } from "../db.js";
import { columnTypes } from "./columns.js";

/**
 * A step's private saved state gets a column of its own: `output` is what the API and dashboard
 * read (the public output, or a waiting rollout's progress), `state` what the step reads back when
 * it runs again. Steps waiting now kept their state in `output`: it moves.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { json } = columnTypes(dialect);
  await db.schema.alterTable("run_steps").addColumn("state", json).execute();
  await sql`update run_steps set state = output, output = null where status = 'waiting'`.execute(db);
}
