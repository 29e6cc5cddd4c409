import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../errors.js";
import { parseDatabaseUrl, redactUrl } from "./url.js";

test("sqlite urls and plain paths name SQLite files", () => {
  assert.deepEqual(
    [
      "sqlite:state/q.db",
      "sqlite:/var/lib/q.db",
      "sqlite:///var/lib/q.db",
      "sqlite::memory:",
      "./q.db",
      "/abs/q.db",
    ].map(parseDatabaseUrl),
    [
      { dialect: "sqlite", path: "state/q.db" },
      { dialect: "sqlite", path: "/var/lib/q.db" },
      { dialect: "sqlite", path: "/var/lib/q.db" },
      { dialect: "sqlite", path: ":memory:" },
      { dialect: "sqlite", path: "./q.db" },
      { dialect: "sqlite", path: "/abs/q.db" },
    ],
  );
});

test("postgres and postgresql urls name a PostgreSQL server", () => {
  for (const url of ["postgres://u:p@db:5432/quikship", "postgresql://db/quikship?sslmode=require"]) {
    assert.deepEqual(parseDatabaseUrl(url), { dialect: "postgres", url });
  }
});

test("an empty url, an empty SQLite path and other schemes are refused", () => {
  for (const url of ["", "  ", "sqlite:", "mysql://db/q", "http://db/q"]) {
    assert.throws(() => parseDatabaseUrl(url), InputError, url);
  }
});

test("a url's password is hidden and the rest kept", () => {
  assert.equal(redactUrl("postgres://quikship:s3cr:et@db:5432/q"), "postgres://quikship:***@db:5432/q");
  assert.equal(redactUrl("postgres://quikship@db/q"), "postgres://quikship@db/q");
});
