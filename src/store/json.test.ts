import assert from "node:assert/strict";
import { test } from "node:test";
import { InternalError } from "../errors.js";
import { fromJson, toJson } from "./json.js";

test("a value survives the trip to JSON text and back", () => {
  const value = { a: [1, "two", null, { three: true }], b: "" };
  assert.deepEqual(fromJson(toJson(value)), value);
});

test("undefined and NUL characters are refused, since PostgreSQL's jsonb cannot hold them", () => {
  assert.throws(() => toJson(undefined), InternalError);
  assert.throws(() => toJson({ text: "a\u0000b" }), InternalError);
  assert.throws(() => toJson({ "key\u0000": 1 }), InternalError);
});

test("a backslash followed by u0000 is ordinary text, not a NUL", () => {
  assert.deepEqual(fromJson(toJson("\\u0000")), "\\u0000");
  assert.deepEqual(fromJson(toJson("\\\\u0000")), "\\\\u0000");
});
