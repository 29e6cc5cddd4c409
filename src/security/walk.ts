/**
 * Reading untrusted JSON by hand, so every refusal names the JSON path it happened at
 * (`runs[0].results[3].level`). Pure.
 */
import { InputError } from "../errors.js";

export type JsonObject = { readonly [key: string]: unknown };

/** A path below `base`: a key (`.name`, or `["odd key"]`) or an index (`[3]`). */
export function below(base: string, step: string | number): string {
  if (typeof step === "number") return `${base}[${step}]`;
  const key = /^[A-Za-z_$][\w$-]*$/.test(step) ? step : JSON.stringify(step);
  if (key.startsWith('"')) return `${base}[${key}]`;
  return base === "" ? key : `${base}.${key}`;
}

/** The refusal of a report: where (a JSON path; "" is the top) and what. */
export function refuse(path: string, what: string): InputError {
  return new InputError(`${path === "" ? "(top)" : path}: ${what}`, { details: { path: path === "" ? "$" : path } });
}

function typeName(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw refuse(path, `expected an object, found ${typeName(value)}`);
  return value;
}

export function arrayAt(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) throw refuse(path, `expected an array, found ${typeName(value)}`);
  return value;
}

/** An optional array: absent or null is empty. */
export function optionalArray(value: unknown, path: string): readonly unknown[] {
  return value === undefined || value === null ? [] : arrayAt(value, path);
}

export function stringAt(value: unknown, path: string): string {
  if (typeof value !== "string") throw refuse(path, `expected a string, found ${typeName(value)}`);
  return value;
}

export function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined || value === null ? undefined : stringAt(value, path);
}

/** A non-empty id of at most 256 characters. */
export function idAt(value: unknown, path: string): string {
  const id = stringAt(value, path).trim();
  if (id === "") throw refuse(path, "is empty: every finding needs an id");
  if (id.length > 256) throw refuse(path, `is ${id.length} characters long (at most 256)`);
  return id;
}

/** Where a JSON.parse error happened, as line and column of `text`, from the position V8 names. */
export function jsonSyntaxError(text: string, error: Error): InputError {
  const match = /position (\d+)/.exec(error.message);
  const offset = match ? Number(match[1]) : undefined;
  if (offset === undefined) return new InputError(`is not JSON: ${error.message}`, { cause: error });
  const before = text.slice(0, offset).split("\n");
  const line = before.length;
  const column = before.at(-1)!.length + 1;
  const reason = error.message.replace(/\s*(in JSON )?at position \d+.*$/, "");
  return new InputError(`${line}:${column}: is not JSON: ${reason}`, {
    details: { line, column },
    cause: error,
  });
}
