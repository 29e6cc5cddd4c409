import assert from "node:assert/strict";
import { after, afterEach, beforeEach, it } from "node:test";
import { pino } from "pino";
import { buildApp } from "../../src/api/app.js";
import { ManualClock } from "../../src/engine/clock.js";
import { migrate } from "../../src/store/migrate.js";
import { MIGRATIONS } from "../../src/store/migrations/index.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { FakeEngine } from "../support/fake-engine.js";
import { fakeTargets } from "../support/fake-target.js";
import { clearTables, errorOf, startTestApp, T0, testPlatform } from "./support.js";
import type { TestApp } from "./support.js";

after(removeTrees);

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: {
          content: Record<string, { schema: { properties: Record<string, unknown>; required?: string[] } }>;
        };
        parameters?: { name: string; in: string }[];
        security?: unknown[];
        responses?: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }>;
      }
    >
  >;
  components: { securitySchemes: Record<string, unknown> };
}

forEachDatabase("the probes, metrics and the OpenAPI document", (t) => {
  let s: TestApp;
  beforeEach(async () => {
    await clearTables(t.db);
    s = await startTestApp(t.db);
  });
  afterEach(() => s.close());

  it("answers /healthz and /readyz without a token", async () => {
    assert.deepEqual((await s.app.inject({ url: "/healthz" })).json(), { status: "ok" });
    assert.deepEqual((await s.app.inject({ url: "/readyz" })).json(), {
      status: "ready",
      migration: MIGRATIONS.length,
    });
  });

  it("is not ready when the database lacks a migration or does not answer", async () => {
    const db = await t.open(await t.createDatabase());
    await migrate(db);
    const platform = testPlatform();
    const clock = new ManualClock(T0);
    const app = await buildApp({
      engine: new FakeEngine(platform, clock),
      platform,
      db,
      targets: fakeTargets({}),
      stateDir: s.stateDir,
      logger: pino({ level: "silent" }),
      clock,
    });
    try {
      await db.kysely.deleteFrom("quikship_migrations").where("number", "=", MIGRATIONS.length).execute();
      const behind = await app.inject({ url: "/readyz" });
      assert.equal(behind.statusCode, 503);
      assert.equal(errorOf(behind).kind, "unavailable");
      assert.equal(
        errorOf(behind).message,
        `the database is at migration ${MIGRATIONS.length - 1} of ${MIGRATIONS.length}`,
      );
      await db.close();
      const closed = await app.inject({ url: "/readyz" });
      assert.equal(closed.statusCode, 503);
      assert.match(errorOf(closed).message, /cannot be queried/);
    } finally {
      await app.close();
    }
  });

  it("lists every /v1 route in /openapi.json with its request schemas and bearer auth", async () => {
    const doc = (await s.app.inject({ url: "/openapi.json" })).json<OpenApi>();
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    assert.deepEqual(routes.filter((r) => r.includes("/v1/")).sort(), [
      "DELETE /v1/tokens/{id}",
      "GET /v1/approvals",
      "GET /v1/approvals/events",
      "GET /v1/artifacts/{service}",
      "GET /v1/audit",
      "GET /v1/audit/verify",
      "GET /v1/history/{environment}/{service}",
      "GET /v1/history/{environment}/{service}/{revision}/rendering",
      "GET /v1/infra/status",
      "GET /v1/infra/{environment}/outputs",
      "GET /v1/logs/{environment}/{service}",
      "GET /v1/permissions",
      "GET /v1/platform/environments",
      "GET /v1/platform/environments/{name}",
      "GET /v1/platform/services",
      "GET /v1/platform/source",
      "GET /v1/platform/variables",
      "GET /v1/platform/versions",
      "GET /v1/releases",
      "GET /v1/releases/{id}",
      "GET /v1/runs",
      "GET /v1/runs/events",
      "GET /v1/runs/{id}",
      "GET /v1/runs/{id}/events",
      "GET /v1/runs/{id}/explain",
      "GET /v1/scan-reports",
      "GET /v1/servers",
      "GET /v1/status",
      "GET /v1/status/events",
      "GET /v1/tokens",
      "GET /v1/traffic/{environment}/{service}",
      "GET /v1/whoami",
      "POST /v1/artifacts",
      "POST /v1/infra/{environment}/unlock",
      "POST /v1/platform/reload",
      "POST /v1/preview",
      "POST /v1/registry/prune",
      "POST /v1/runs",
      "POST /v1/runs/{id}/abort",
      "POST /v1/runs/{id}/approve",
      "POST /v1/runs/{id}/cancel",
      "POST /v1/runs/{id}/promote-step",
      "POST /v1/runs/{id}/reject",
      "POST /v1/scan-reports",
      "POST /v1/tokens",
      "POST /v1/tokens/personal",
      "POST /v1/tokens/service",
      "POST /v1/tokens/{id}/rotate",
    ]);
    const body = doc.paths["/v1/runs"]?.post?.requestBody?.content["application/json"]?.schema;
    // A run request is a union by kind: each branch names the envelope and its kind's parameters.
    const branches =
      (body as { oneOf?: { properties?: object }[]; anyOf?: { properties?: object }[] } | undefined) ?? {};
    const first = (branches.oneOf ?? branches.anyOf ?? [])[0];
    assert.deepEqual(Object.keys(first?.properties ?? {}), ["kind", "environment", "services", "params"]);
    assert.deepEqual(
      doc.paths["/v1/runs"]?.get?.parameters?.map((p) => `${p.in}:${p.name}`),
      ["query:environment", "query:status", "query:kind", "query:limit"],
    );
    assert.deepEqual(
      doc.paths["/v1/runs/events"]?.get?.parameters?.map((p) => `${p.in}:${p.name}`),
      ["query:environment", "query:status", "query:kind", "query:limit", "query:access_token"],
    );
    assert.ok(
      doc.paths["/v1/runs/events"]?.get?.responses?.["200"]?.content?.["text/event-stream"],
      "GET /v1/runs/events documents its events",
    );
    assert.deepEqual(
      doc.paths["/v1/traffic/{environment}/{service}"]?.get?.parameters?.map((p) => `${p.in}:${p.name}`),
      ["query:run", "path:environment", "path:service"],
    );
    assert.ok(doc.paths["/v1/tokens"]?.post?.requestBody, "POST /v1/tokens documents its body");
    const preview = doc.paths["/v1/preview"]?.post?.requestBody?.content["application/json"]?.schema;
    assert.deepEqual(Object.keys(preview?.properties ?? {}), ["environment", "services", "tag"]);
    const status = doc.paths["/v1/status"]?.get?.responses?.["200"]?.content?.["application/json"]?.schema;
    assert.deepEqual(Object.keys(status?.properties ?? {}), ["at", "environments"]);
    assert.deepEqual(
      doc.paths["/v1/logs/{environment}/{service}"]?.get?.parameters?.map((p) => `${p.in}:${p.name}`),
      ["query:revision", "query:after", "path:environment", "path:service"],
    );
    const reject = doc.paths["/v1/runs/{id}/reject"]?.post?.requestBody?.content["application/json"]?.schema;
    assert.deepEqual(
      [Object.keys(reject?.properties ?? {}), reject?.required],
      [["environment", "group", "comment"], ["comment"]],
    );
    const artifact = doc.paths["/v1/artifacts"]?.post?.requestBody?.content["application/json"]?.schema;
    assert.deepEqual(Object.keys(artifact?.properties ?? {}), [
      "service",
      "tag",
      "branch",
      "gitTag",
      "digest",
      "commit",
      "commitTime",
    ]);
    assert.ok(doc.components.securitySchemes.bearer);
    assert.deepEqual(doc.paths["/healthz"]?.get?.security, []);
  });

  it("documents a success and every error body for each /v1 operation, so a route added without them fails here", async () => {
    const doc = (await s.app.inject({ url: "/openapi.json" })).json<OpenApi>();
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/v1/"))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({
          name: `${method.toUpperCase()} ${path}`,
          path,
          op,
          responses: op.responses ?? {},
        })),
      );
    const schemaOf = (response: { content?: Record<string, { schema: unknown }> } | undefined) =>
      Object.values(response?.content ?? {})[0]?.schema;
    for (const { name, path, op, responses } of operations) {
      if (name.startsWith("POST "))
        assert.ok(op.requestBody?.content["application/json"]?.schema, `${name} documents its body`);
      for (const [, param] of path.matchAll(/\{(\w+)\}/g))
        assert.ok(
          op.parameters?.some((p) => p.in === "path" && p.name === param),
          `${name} documents {${param}}`,
        );
      const success = Object.keys(responses).filter((code) => /^2\d\d$/.test(code));
      assert.ok(
        success.length > 0 && success.every((code) => schemaOf(responses[code]) !== undefined),
        `${name} documents its 2xx answer with a schema`,
      );
      for (const code of ["400", "401", "403", "404", "500", "503"]) {
        const schema = schemaOf(responses[code]) as { properties?: Record<string, unknown> } | undefined;
        assert.ok(schema?.properties?.error, `${name} documents its ${code} answer as an error body`);
      }
    }
    const conflicts = operations.filter((o) => schemaOf(o.responses["409"]) !== undefined).map((o) => o.name);
    assert.deepEqual(conflicts.sort(), [
      "DELETE /v1/tokens/{id}",
      "GET /v1/logs/{environment}/{service}",
      "POST /v1/infra/{environment}/unlock",
      "POST /v1/platform/reload",
      "POST /v1/runs",
      "POST /v1/runs/{id}/abort",
      "POST /v1/runs/{id}/approve",
      "POST /v1/runs/{id}/cancel",
      "POST /v1/runs/{id}/promote-step",
      "POST /v1/runs/{id}/reject",
      "POST /v1/tokens/{id}/rotate",
    ]);
    const stream = doc.paths["/v1/status/events"]?.get?.responses?.["200"]?.content;
    assert.deepEqual(Object.keys(stream ?? {}), ["text/event-stream"]);
    const streams = operations.filter((o) => o.name.endsWith("/events")).map((o) => o.name);
    for (const name of streams) {
      const [method, path] = name.split(" ") as [string, string];
      const params = doc.paths[path]?.[method.toLowerCase()]?.parameters?.map((p) => p.name) ?? [];
      assert.ok(params.includes("access_token"), `${name} documents ?access_token=`);
    }
  });

  it("serves the API docs at /docs", async () => {
    const res = await s.app.inject({ url: "/docs" });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /swagger/i);
  });

  it("exposes the quikship_ metrics the engine reports, and the process metrics", async () => {
    const { observer } = s.metrics;
    observer.runFinished?.({ kind: "deploy", status: "succeeded" } as Parameters<
      NonNullable<typeof observer.runFinished>
    >[0]);
    observer.stepFinished?.({ runId: "r", kind: "apply", status: "succeeded", durationMs: 1500 });
    observer.gateWaitEnded?.({ runId: "r", kind: "approval", durationMs: 90_000 });
    const res = await s.app.inject({ url: "/metrics" });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/plain/);
    assert.match(res.body, /^quikship_runs_total\{kind="deploy",outcome="succeeded"\} 1$/m);
    assert.match(res.body, /^quikship_step_duration_seconds_sum\{kind="apply",status="succeeded"\} 1.5$/m);
    assert.match(res.body, /^quikship_gate_wait_seconds_count\{kind="approval"\} 1$/m);
    assert.match(res.body, /^process_cpu_user_seconds_total /m);
  });

  it("answers an unknown route with a JSON not-found error", async () => {
    const res = await s.app.inject({ url: "/v2/runs" });
    assert.equal(res.statusCode, 404);
    assert.equal(errorOf(res).kind, "not-found");
  });
});
