/**
 * The hostile-input suite, generated from the OpenAPI document: every path and method the API
 * documents is sent requests without a usable token, malformed bodies (types, nesting, size,
 * prototype names, unicode) and prototype names in its path. Each must be refused with a 4xx and
 * the one error body, with nothing stored and the server healthy. A new route is covered as soon
 * as it is documented.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { clearTables, startTestApp } from "./support.js";
import type { TestApp } from "./support.js";

after(removeTrees);

interface Operation {
  method: string;
  path: string;
  hasBody: boolean;
}

/** Who asks: each is refused on every /v1 route. Wrong-group and service tokens join when tokens carry them. */
const UNAUTHORIZED: { name: string; headers: (s: TestApp) => Record<string, string> }[] = [
  { name: "no token", headers: () => ({}) },
  { name: "a malformed token", headers: () => ({ authorization: "Bearer qs_" }) },
  { name: "a token nobody issued", headers: () => ({ authorization: `Bearer qs_${"A".repeat(43)}` }) },
  {
    name: "another scheme",
    headers: (s) => ({ authorization: `Basic ${Buffer.from(`admin:${s.adminToken}`).toString("base64")}` }),
  },
];

function deep(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

/** Bodies no route may accept: each with what makes it hostile. */
const BODIES: { name: string; payload: string }[] = [
  { name: "an array", payload: "[]" },
  { name: "a string", payload: '"deploy"' },
  { name: "a number", payload: "1e400" },
  { name: "null", payload: "null" },
  { name: "malformed JSON", payload: '{"kind":' },
  {
    name: "nesting 4,000 deep",
    payload: JSON.stringify({ kind: "noop", environment: "dev", services: [], params: deep(4000) }),
  },
  {
    name: "nesting 40 deep",
    payload: JSON.stringify({ kind: "noop", environment: "dev", services: [], params: deep(40) }),
  },
  {
    name: "a __proto__ key",
    payload: '{"kind":"noop","environment":"dev","services":[],"params":{"__proto__":{"admin":true}}}',
  },
  {
    name: "a constructor.prototype key",
    payload: '{"kind":"noop","environment":"dev","services":[],"constructor":{"prototype":{"x":1}}}',
  },
  { name: "a NUL character", payload: '{"kind":"noop","environment":"dev\\u0000","services":[],"user":"a\\u0000"}' },
  { name: "a lone surrogate", payload: '{"kind":"noop","environment":"\\ud800","services":[],"user":"\\udfff"}' },
  {
    name: "5,000 keys",
    payload: JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))),
  },
];

function assertRefused(res: LightMyRequestResponse, what: string, statuses: number[] = []): void {
  assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  if (statuses.length > 0) assert.ok(statuses.includes(res.statusCode), `${what}: ${res.statusCode}`);
  const body = res.json<{ error?: { kind?: unknown; message?: unknown } }>();
  assert.equal(typeof body.error?.kind, "string", `${what}: ${res.body.slice(0, 300)}`);
  assert.equal(typeof body.error?.message, "string", `${what}: ${res.body.slice(0, 300)}`);
  assert.deepEqual(Object.keys(body), ["error"], what);
}

forEachDatabase("the API against hostile input", (t) => {
  let s: TestApp;
  let bob: string;
  let operations: Operation[];

  before(async () => {
    await clearTables(t.db);
    s = await startTestApp(t.db);
    bob = (await s.tokenFor("bob")).token;
    const doc = (await s.app.inject({ url: "/openapi.json" })).json<{
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    }>();
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
        .map(([method, op]) => ({ method: method.toUpperCase(), path, hasBody: op.requestBody !== undefined })),
    );
    assert.ok(operations.length > 20, `only ${operations.length} operations documented`);
  });
  after(() => s.close());

  const url = (path: string, value = "x") => path.replace(/\{[^}]+\}/g, value);
  const stored = async () => ({
    audit: (await t.db.kysely.selectFrom("audit").select("seq").execute()).length,
    runs: (await s.engine.list({ limit: 500 })).length,
    tokens: (await t.db.kysely.selectFrom("tokens").select("id").execute()).length,
  });

  it("refuses every /v1 operation to callers without a valid token, with 401 and the one error body", async () => {
    for (const op of operations.filter((o) => o.path.startsWith("/v1/"))) {
      for (const who of UNAUTHORIZED) {
        const res = await s.app.inject({ method: op.method as "GET", url: url(op.path), headers: who.headers(s) });
        assertRefused(res, `${op.method} ${op.path} with ${who.name}`, [401]);
      }
    }
  });

  it("refuses hostile bodies on every operation that takes one, storing nothing, and stays healthy", async () => {
    const before = await stored();
    const withBody = operations.filter((o) => o.hasBody);
    assert.ok(withBody.length >= 5);
    for (const op of withBody) {
      for (const body of BODIES) {
        const res = await s.app.inject({
          method: op.method as "POST",
          url: url(op.path),
          headers: { authorization: `Bearer ${s.adminToken}`, "content-type": "application/json" },
          payload: body.payload,
        });
        assertRefused(res, `${op.method} ${op.path} with ${body.name}`);
      }
      const big = await s.app.inject({
        method: op.method as "POST",
        url: url(op.path),
        headers: { authorization: `Bearer ${s.adminToken}`, "content-type": "application/json" },
        payload: JSON.stringify({ pad: "x".repeat(2 * 1024 * 1024) }),
      });
      assertRefused(big, `${op.method} ${op.path} with a 2 MB body`, [413]);
    }
    assert.deepEqual(await stored(), before);
    assert.equal((await s.app.inject({ url: "/healthz" })).statusCode, 200);
    assert.equal((await s.app.inject({ url: "/v1/audit", headers: s.auth(bob) })).statusCode, 200);
  });

  it("finds nothing for prototype names in any path, never an internal error", async () => {
    const withParams = operations.filter((o) => o.path.includes("{") && o.method === "GET");
    for (const op of withParams) {
      for (const name of ["__proto__", "toString", "constructor", "hasOwnProperty", "%00", "..%2F..%2Fetc"]) {
        const res = await s.app.inject({ method: "GET", url: url(op.path, name), headers: s.auth(bob) });
        if (res.headers["content-type"]?.toString().startsWith("text/event-stream")) continue;
        assertRefused(res, `GET ${url(op.path, name)}`);
      }
    }
  });

  it("refuses prototype names as environments and services of a run, storing nothing", async () => {
    const before = await stored();
    const cases = [
      { kind: "noop", environment: "__proto__", services: [] },
      { kind: "deploy", environment: "dev", services: ["__proto__"], params: { tag: "v1" } },
      { kind: "deploy", environment: "dev", services: ["toString"], params: { tag: "v1" } },
      { kind: "deploy", environment: "constructor", services: ["web"], params: { tag: "v1" } },
    ];
    for (const payload of cases) {
      const res = await s.app.inject({ method: "POST", url: "/v1/runs", headers: s.auth(bob), payload });
      assertRefused(res, JSON.stringify(payload));
    }
    assert.deepEqual(await stored(), before);
  });
});

describe("the hostile-input suite's own generator", () => {
  it("builds bodies that break each limit", () => {
    assert.ok(BODIES.some((b) => b.payload.length > 10_000));
    assert.ok(UNAUTHORIZED.length >= 3);
  });
});
