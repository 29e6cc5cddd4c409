import type { Kysely } from "kysely";
import type { Dialect } from "../db.js";
import { columnTypes } from "./columns.js";

/**
 * Artifacts: the digest each revision runs (null where the environment or service has no
 * registry), and the scan reports received per image digest.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { time, json } = columnTypes(dialect);
  await db.schema.alterTable("revisions").addColumn("digest", "text").execute();
  await db.schema
    .createTable("scan_reports")
    .addColumn("service", "text", (c) => c.notNull())
    .addColumn("digest", "text", (c) => c.notNull())
    // sarif or trivy: the format the report came in.
    .addColumn("format", "text", (c) => c.notNull())
    // The tool that produced it, as the report names it ("Trivy").
    .addColumn("tool", "text", (c) => c.notNull())
    // [{id, severity, title, location}], normalized from either format.
    .addColumn("findings", json, (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("received_at", time, (c) => c.notNull())
    // The newest report of a digest replaces the one before.
    .addPrimaryKeyConstraint("scan_reports_pk", ["service", "digest"])
    .execute();
}
