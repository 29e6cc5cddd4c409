/**
 * JSON columns are text on SQLite and jsonb on PostgreSQL. Both dialects hand the column back as
 * JSON text (the PostgreSQL pool is configured not to parse json/jsonb), so callers convert with
 * these two functions and see the same JS values on both.
 */
import { InternalError } from "../errors.js";

declare const jsonType: unique symbol;

/** The JSON text of a value of type T, as stored in a JSON column. */
export type JsonText<T = unknown> = string & { readonly [jsonType]: T };

/** A `\u0000` escape whose backslash is not itself escaped. */
const NUL_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/**
 * The text to write for a value. `undefined` is refused because JSON has no such value, and a
 * NUL character because PostgreSQL's jsonb cannot store one (SQLite could; the dialects must
 * agree).
 */
export function toJson<T>(value: T): JsonText<T> {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new InternalError("cannot store undefined (or a function) in a JSON column");
  if (NUL_ESCAPE.test(text)) throw new InternalError("cannot store a NUL character in a JSON column");
  return text as JsonText<T>;
}

/** The value read back from a JSON column. */
export function fromJson<T>(text: JsonText<T>): T {
  return JSON.parse(text) as T;
}
