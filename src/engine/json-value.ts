import { InternalError } from "../errors.js";
import type { Json } from "./types.js";

function isJson(value: unknown): value is Json {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value === "object") return Object.values(value).every((v) => v === undefined || isJson(v));
  return false;
}

/** A value a step's schema produced, as the JSON the engine stores; undefined members are dropped as JSON drops them. */
export function jsonValue(value: unknown): Json {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
  if (!isJson(plain)) throw new InternalError("a step produced a value that is not JSON");
  return plain;
}
