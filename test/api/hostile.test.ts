/**
 * The hostile-input suite, generated from the OpenAPI document: every path and method the API
 * documents is sent requests without a usable token, with the token of a user in no group and a
 * service token (state-changing operations), malformed bodies (types, nesting, size,
 * prototype names, unicode) and prototype names in its path. Each must be refused with a 4xx and
 * the one error body, with nothing stored and the server healthy. A new route is covered as soon
 * as it is documented.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { serviceToken } from "../support/tokens.js";
import { clearTables, PLATFORM_YAML, startTestApp, testPlatform } from "./support.js";
import type { TestApp } from "./support.js";

after(removeTrees);

interface Operation {
  method: string;
  path: string;
  hasBody: boolean;
}

/** Who asks without a usable token: each is refused on every /v1 route. */
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

/** The test platform with permissions declared and carol, a user in no group: signed in, allowed nothing. */
const WITH_CAROL = PLATFORM_YAML.replace("  bob: {}\n", "  bob: {}\n  carol: {}\n").replace(
  "environments:\n",
  `tiers:
  nonprod:
    permissions:
      deploy: [Developers]
      promote: [Developers]
      rollback: [Developers]
      restart: [Developers]
      scale: [Developers]
      cancel: [Developers]
      abort: [Developers]
      promote-step: [Developers]
      infra: [Platform]
      logs: [everyone]
      variables: [everyone]
environments:\n`,
);

/**
 * Operations a signed-in caller may take on what is their own whatever their groups: making a
 * personal token, and the preview probe (which stores nothing). Every other state-changing
 * operation must refuse a caller who holds no permission for it.
 */
const OWN_OPERATIONS = new Set(["POST /v1/tokens/personal", "POST /v1/preview"]);

/** A body that passes validation, so the refusal comes from the permission, not the schema. */
function plausibleBody(path: string): object {
  switch (path) {
    case "/v1/runs":
      return { kind: "deploy", environment: "dev", services: ["web"], params: { tag: "v1" } };
    case "/v1/tokens":
      return { user: "carol" };
    case "/v1/tokens/service":
      return { name: "rogue-bot", groups: ["Platform"] };
    case "/v1/artifacts":
      return { tag: "v9", branch: "main" };
    case "/v1/runs/{id}/reject":
      return { reason: "no" };
    default:
      return {};
  }
}

forEachDatabase("the API against hostile input", (t) => {
  let s: TestApp;
  let bob: string;
  let operations: Operation[];

  before(async () => {
    await clearTables(t.db);
    s = await startTestApp(t.db, { platformYaml: WITH_CAROL });
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

  it("refuses every state-changing operation to a user in no group and to a service token, storing nothing", async () => {
    const carol = (await s.tokenFor("carol")).token;
    const bot = (await serviceToken(t.db, testPlatform(WITH_CAROL), "ci-bot", [])).token;
    const created = await s.app.inject({
      method: "POST",
      url: "/v1/runs",
      headers: s.auth(bob),
      payload: { kind: "deploy", environment: "dev", services: ["web"], params: { tag: "v1" } },
    });
    assert.equal(created.statusCode, 201, created.body);
    const run = created.json<{ id: string; status: string }>();
    const before = { ...(await stored()), status: (await s.engine.get(run.id)).status };
    const changing = operations.filter((o) => o.path.startsWith("/v1/") && o.method !== "GET");
    assert.ok(changing.length >= 8, `only ${changing.length} state-changing operations documented`);
    const forbidden: string[] = [];
    for (const op of changing.filter((o) => !OWN_OPERATIONS.has(`${o.method} ${o.path}`))) {
      for (const [who, token] of [
        ["a user in no group", carol],
        ["a service token in no group", bot],
      ] as const) {
        const res = await s.app.inject({
          method: op.method as "POST",
          url: url(op.path, run.id),
          headers: s.auth(token),
          ...(op.hasBody ? { payload: plausibleBody(op.path) } : {}),
        });
        assertRefused(res, `${op.method} ${op.path} by ${who}`);
        if (res.statusCode === 403) forbidden.push(`${op.method} ${op.path}`);
      }
    }
    // The permission refused them, not a missing resource: runs, tokens, reloads, approvals, artifacts.
    for (const op of ["POST /v1/runs", "POST /v1/tokens", "POST /v1/tokens/service", "POST /v1/platform/reload"])
      assert.ok(forbidden.includes(op), `${op} was not refused with 403: ${forbidden.join(", ")}`);
    assert.ok(forbidden.includes("POST /v1/runs/{id}/cancel"), forbidden.join(", "));
    assert.ok(forbidden.includes("POST /v1/runs/{id}/approve"), forbidden.join(", "));
    assert.deepEqual({ ...(await stored()), status: (await s.engine.get(run.id)).status }, before);
    assert.equal((await s.app.inject({ url: "/healthz" })).statusCode, 200);
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

  it("refuses the reproduced lenient and unbounded parameters with 400 naming the field, storing nothing", async () => {
    const before = await stored();
    const cases: [object, string][] = [
      [{ kind: "noop", environment: "dev", services: [], params: { waitMs: 900_000_000_000 } }, "body.params.waitMs"],
      [{ kind: "scale", environment: "dev", services: ["web"], params: { replicas: "5" } }, "body.params.replicas"],
      [{ kind: "scale", environment: "dev", services: ["web"], params: { replicas: [3] } }, "body.params.replicas"],
      [{ kind: "scale", environment: "dev", services: ["web"], params: { replicas: 2.5 } }, "body.params.replicas"],
      [{ kind: "promote", environment: "dev", services: ["web"], params: { tag: "v1", to: "qa" } }, "body.params.to"],
      [{ kind: "rollback", environment: "dev", services: ["web"], params: { revision: 1e20 } }, "body.params.revision"],
      [{ kind: "rollback", environment: "dev", services: ["web"], params: { revision: -1 } }, "body.params.revision"],
    ];
    for (const [payload, field] of cases) {
      const res = await s.app.inject({ method: "POST", url: "/v1/runs", headers: s.auth(bob), payload });
      assertRefused(res, JSON.stringify(payload), [400]);
      assert.match(res.json<{ error: { message: string } }>().error.message, new RegExp(field.replace(/\./g, "\\.")));
    }
    assert.deepEqual(await stored(), before);
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
