/**
 * Limits on every JSON body, checked as it is parsed and before any route sees it, so nothing
 * is stored for a refused request: size (fastify's bodyLimit, a 413), depth, keys per object,
 * values in all, string length, and names no object may have (`__proto__`, `constructor`,
 * `prototype`). Strings may not hold what the databases cannot store (NUL) or what is not text
 * (a lone surrogate). The walk is iterative, so no nesting can exhaust the stack.
 */
import { InputError } from "../errors.js";

export const BODY_LIMITS = {
  /** Bytes of a body: larger is a 413. */
  bytes: 1024 * 1024,
  /** Nesting of objects and arrays: `{"a":{"b":1}}` is 2 deep. */
  depth: 32,
  /** Keys of one object, and items of one array. */
  entries: 1000,
  /** Objects, arrays and scalars in the whole body. */
  values: 20_000,
  /** Characters of one string or key. */
  stringLength: 65_536,
} as const;

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
// A lone surrogate: a high one not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Parses a JSON body and checks it against the limits; an InputError names where it breaks one. */
export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`the body is not valid JSON: ${(error as Error).message}`, {
      details: { code: "invalid-json" },
    });
  }
  checkJsonLimits(value, "body");
  return value;
}

/** Throws an InputError at the first place `value` breaks a limit. Iterative: depth costs no stack. */
export function checkJsonLimits(value: unknown, root: string): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    if (++count > BODY_LIMITS.values) refuse(path, `more than ${BODY_LIMITS.values} values in the body`);
    if (typeof v === "string") checkString(v, path);
    if (v === null || typeof v !== "object") continue;
    if (depth + 1 > BODY_LIMITS.depth) refuse(path, `nested deeper than ${BODY_LIMITS.depth} levels`);
    const entries = Array.isArray(v) ? v.map((item, i) => [String(i), item] as const) : Object.entries(v);
    if (entries.length > BODY_LIMITS.entries)
      refuse(path, `more than ${BODY_LIMITS.entries} ${Array.isArray(v) ? "items" : "keys"}`);
    for (const [key, item] of entries) {
      const at = Array.isArray(v) ? `${path}[${key}]` : `${path}.${key}`;
      if (!Array.isArray(v)) checkKey(key, at);
      stack.push({ value: item, path: at, depth: depth + 1 });
    }
  }
}

function checkKey(key: string, path: string): void {
  if (FORBIDDEN_KEYS.has(key)) refuse(path, `"${key}" is not allowed as a key`);
  checkString(key, path);
}

function checkString(text: string, path: string): void {
  if (text.length > BODY_LIMITS.stringLength)
    refuse(path, `a string longer than ${BODY_LIMITS.stringLength} characters`);
  if (text.includes("\u0000")) refuse(path, "a NUL character is not allowed");
  if (LONE_SURROGATE.test(text)) refuse(path, "a lone UTF-16 surrogate is not text");
}

function refuse(path: string, message: string): never {
  throw new InputError(`invalid request ${path.split(/[.[]/)[0]}: ${path}: ${message}`, {
    details: { issues: [{ path, message, code: "limit" }] },
  });
}
