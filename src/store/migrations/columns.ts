/**
 * Column types per dialect, shared by the migrations. Migrations are append-only, and so is this
 * file: never change what a helper returns (an old migration would change meaning); add a new
 * helper instead.
 */
import type { CreateTableBuilder } from "kysely";
import type { Dialect } from "../db.js";

export interface ColumnTypes {
  /** Milliseconds since the epoch. */
  time: "bigint" | "integer";
  /** JSON text on SQLite, jsonb on PostgreSQL. */
  json: "jsonb" | "text";
}

export function columnTypes(dialect: Dialect): ColumnTypes {
  return dialect === "postgres" ? { time: "bigint", json: "jsonb" } : { time: "integer", json: "text" };
}

/** An `id` primary key the database numbers: never reused, even after deletions. */
export function addIdentity<T extends string>(
  table: CreateTableBuilder<T>,
  dialect: Dialect,
): CreateTableBuilder<T, "id"> {
  return dialect === "postgres"
    ? table.addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}
