import type { Kysely } from "kysely";
import type { Dialect } from "../db.js";
import { columnTypes } from "./columns.js";

/**
 * Pinning and pruning take turns on a digest. `digest_pins`: the digests a run pinned, recorded
 * before it checks the registry still has them; a prune keeps a digest an unfinished run pinned.
 * `digest_deletions`: a digest a prune is deleting at the registry now, until `until_at` at the
 * latest (a prune that died leaves a row that stops counting then); a pin of it waits and
 * resolves again. Only additions (expand): a server of the previous release ignores them.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { time } = columnTypes(dialect);
  await db.schema
    .createTable("digest_pins")
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("service", "text", (c) => c.notNull())
    .addColumn("digest", "text", (c) => c.notNull())
    .addColumn("pinned_at", time, (c) => c.notNull())
    .addPrimaryKeyConstraint("digest_pins_pk", ["run_id", "service", "digest"])
    .execute();
  await db.schema.createIndex("digest_pins_by_digest").on("digest_pins").columns(["service", "digest"]).execute();
  await db.schema
    .createTable("digest_deletions")
    .addColumn("service", "text", (c) => c.notNull())
    .addColumn("digest", "text", (c) => c.notNull())
    // Who deletes: `run RUN-ID`, or `registry prune by USER`.
    .addColumn("deleted_by", "text", (c) => c.notNull())
    .addColumn("until_at", time, (c) => c.notNull())
    .addPrimaryKeyConstraint("digest_deletions_pk", ["service", "digest"])
    .execute();
}
