import type { Kysely } from "kysely";
import type { Dialect } from "../db.js";
import { columnTypes } from "./columns.js";

/** Signed checkpoints of the audit chain's head: one per entry written by a server holding the audit key. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { time } = columnTypes(dialect);
  await db.schema
    .createTable("audit_checkpoints")
    .addColumn("seq", dialect === "postgres" ? "bigint" : "integer", (c) => c.primaryKey())
    .addColumn("at", time, (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    // The first 16 hex digits of sha256 of the raw public key: which key signed.
    .addColumn("key_id", "text", (c) => c.notNull())
    // Ed25519 over "quikship-audit-checkpoint/1\n<seq>\n<hash>\n<at>", base64.
    .addColumn("signature", "text", (c) => c.notNull())
    .execute();
}
