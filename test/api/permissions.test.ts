import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, it } from "node:test";
import Fastify from "fastify";
import { pino } from "pino";
import { buildApp } from "../../src/api/app.js";
import { declaredRoutes, PUBLIC, requireDeclaredPermissions, requirePublicDeclared } from "../../src/api/permission.js";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import type { RunView } from "../../src/engine/types.js";
import { PlatformHolder } from "../../src/reload/holder.js";
import { reloadPlatform, storePlatform } from "../../src/reload/reload.js";
import { ManualClock } from "../../src/engine/clock.js";
import { FakeEngine } from "../support/fake-engine.js";
import { fakeTargets } from "../support/fake-target.js";
import { fromJson } from "../../src/store/json.js";
import { forEachDatabase } from "../support/databases.js";
import { issuedToken, personalToken, serviceToken } from "../support/tokens.js";
import { startEngineApp } from "./engine-app.js";
import type { EngineApp } from "./engine-app.js";
import { errorOf, PLATFORM_YAML, startTestApp } from "./support.js";

const REHEARSAL = loadPlatformOrThrow("examples/quikapp/quikship.yaml").platform;
// With a sign-in provider, people prove who they are themselves: a token made for someone never approves.
const QUIKAPP: Platform = {
  ...REHEARSAL,
  signIn: {
    ...REHEARSAL.signIn,
    oidc: {
      issuer: "https://id.quikapp.example",
      clientId: "quikship",
      clientSecret: undefined,
      scopes: ["openid"],
      userClaim: "preferred_username",
      groupsClaim: "groups",
      groups: {},
    },
  },
};

forEachDatabase("permissions on the QuikApp platform", (t) => {
  let s: EngineApp;
  const tokens = new Map<string, string>();
  beforeEach(async () => {
    s = await startEngineApp(t, QUIKAPP);
    for (const user of ["mike", "heidi", "carol", "oscar"])
      tokens.set(user, (await personalToken(s.db, QUIKAPP, user, s.clock.now())).token);
  });
  afterEach(() => s.close());

  const post = (user: string, url: string, payload: object) =>
    s.app.inject({ method: "POST", url, payload, headers: { authorization: `Bearer ${tokens.get(user)}` } });
  const run = (kind: string, environment: string, params: object = {}) => ({
    kind,
    environment,
    services: ["backend-gateway"],
    params,
  });

  it("lets a Developer deploy to dev and answers 403 naming the missing permission for scale in live", async () => {
    const deploy = await post("mike", "/v1/runs", run("deploy", "dev", { tag: "v1.0.0" }));
    assert.equal(deploy.statusCode, 201, deploy.body);
    const scale = await post("mike", "/v1/runs", run("scale", "live", { replicas: 0 }));
    assert.equal(scale.statusCode, 403);
    const error = errorOf(scale);
    assert.equal(error.kind, "forbidden");
    assert.match(
      error.message,
      /mike \(in "Developers"\) may not scale in live: only "Release Manager", "On-call" may scale there/,
    );
    assert.deepEqual((error.details as { permission: string }).permission, "scale");
    assert.deepEqual(await s.engine.api.list({ environment: "live" }), []);
  });

  it("lets a Release Manager roll back live without approvals, and the audit says so", async () => {
    const res = await post("heidi", "/v1/runs", run("rollback", "live"));
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json<RunView>();
    const kinds = created.stages.flatMap((st) => st.steps.map((step) => step.kind));
    assert.ok(!kinds.includes("approval") && !kinds.includes("window"), kinds.join(","));
    const entry = await s.db.kysely
      .selectFrom("audit")
      .selectAll()
      .where("action", "=", "run.submit")
      .where("subject", "=", created.id)
      .executeTakeFirstOrThrow();
    const data = fromJson(entry.data) as { gates: string; permission: { why: string }[]; actorAuth: string };
    assert.equal(data.gates, "none: a rollback passes no approval gate or window");
    assert.equal(data.permission[0]!.why, 'heidi is in "Release Manager", which may rollback in live');
    assert.equal(data.actorAuth, "personal-token");
  });

  it("refuses an approval by an admin-made service token, and by a token an admin made for carol", async () => {
    const service = await serviceToken(s.db, QUIKAPP, "github-ci", ["CI", "QA Lead"]);
    const forCarol = await issuedToken(s.db, QUIKAPP, "carol");
    for (const [token, says] of [
      [service.token, /service tokens never approve/],
      [forCarol.token, /issued to carol by an administrator, so it cannot approve as carol/],
    ] as const) {
      const res = await s.app.inject({
        method: "POST",
        url: "/v1/runs/r0000/approve",
        payload: { environment: "qa" },
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(res.statusCode, 403);
      assert.match(errorOf(res).message, says);
    }
    const approvals = await s.db.kysely.selectFrom("audit").selectAll().where("action", "like", "approval.%").execute();
    assert.deepEqual(approvals, []);
  });

  it("answers `can` with each action and why", async () => {
    const res = await s.app.inject({
      url: "/v1/permissions?user=oscar&environment=prod&action=rollback",
      headers: { authorization: `Bearer ${tokens.get("mike")}` },
    });
    assert.equal(res.statusCode, 200, res.body);
    const decision = res.json<{ environment: string; decisions: { allowed: boolean; why: string }[] }>();
    assert.equal(decision.environment, "live");
    assert.deepEqual(decision.decisions, [
      { action: "rollback", allowed: true, group: "On-call", why: 'oscar is in "On-call", which may rollback in live' },
    ]);
  });
});

forEachDatabase("route permissions and platform reload", (t) => {
  it("declares a permission on every route, public only outside /v1, and refuses a route without one", async () => {
    const s = await startTestApp(t.db);
    try {
      const routes = declaredRoutes(s.app);
      assert.ok(routes.length > 40, `${routes.length} routes`);
      assert.deepEqual(
        routes.filter((r) => r.permission === undefined),
        [],
      );
      const open = routes.filter((r) => r.permission?.kind === "public").map((r) => `${r.method} ${r.url}`);
      assert.ok(open.includes("GET /healthz") && open.includes("POST /auth/device"), open.join(", "));
      assert.deepEqual(
        open.filter((r) => r.includes("/v1/")),
        [],
      );
      const app = Fastify();
      requirePublicDeclared(app);
      assert.throws(() => app.get("/open", () => "x"), /GET \/open is outside \/v1 and must declare/);
      await app.register((scope, _o, done) => {
        requireDeclaredPermissions(scope, app);
        assert.throws(() => scope.get("/v1/undeclared", () => "x"), /GET \/v1\/undeclared declares no permission/);
        assert.throws(
          () => scope.get("/v1/opened", { config: { permission: PUBLIC } }, () => "x"),
          /public is for routes outside \/v1/,
        );
        done();
      });
      await app.close();
    } finally {
      await s.close();
    }
  });

  it("refuses a group's next action once it is removed from the platform file and reloaded, without a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "quikship-reload-"));
    const file = join(dir, "quikship.yaml");
    const qa = "router: { port: 7102 }\n";
    const withPermissions = PLATFORM_YAML.replace(qa, `${qa}    permissions: { deploy: [Developers] }\n`);
    writeFileSync(file, withPermissions);
    const platform: Platform = loadPlatformOrThrow(file).platform;
    const clock = new ManualClock(Date.UTC(2026, 0, 5));
    // As the server does at start: the platform in use is stored as a version first.
    const started = await storePlatform(t.db, platform, { by: "system", source: "startup" }, clock.now());
    const holder = new PlatformHolder({ platform, version: started.version, hash: started.hash });
    const state = mkdtempSync(join(tmpdir(), "quikship-state-"));
    const app = await buildApp({
      engine: new FakeEngine(platform, clock),
      platform,
      platforms: holder,
      reload: (who) => reloadPlatform({ db: t.db, holder, path: file, clock }, who),
      db: t.db,
      targets: fakeTargets({}),
      stateDir: state,
      logger: pino({ level: "silent" }),
      clock,
    });
    try {
      await app.ready();
      const admin = readFileSync(join(state, "admin.token"), "utf8").trim();
      const bob = await personalToken(t.db, platform, "bob", clock.now());
      const deploy = () =>
        app.inject({
          method: "POST",
          url: "/v1/runs",
          headers: { authorization: `Bearer ${bob.token}` },
          payload: { kind: "deploy", environment: "qa", services: ["web"], params: { tag: "v1" } },
        });
      assert.equal((await deploy()).statusCode, 201);
      const reload = () =>
        app.inject({
          method: "POST",
          url: "/v1/platform/reload",
          headers: { authorization: `Bearer ${admin}` },
          payload: {},
        });
      writeFileSync(file, withPermissions.replace("environments:\n  dev:", "environments:\n  dev:\n    nonsense: 1"));
      const invalid = await reload();
      assert.equal(invalid.statusCode, 400);
      assert.match(errorOf(invalid).message, /quikship\.yaml:\d+:\d+ environments\.dev/);
      assert.equal((await deploy()).statusCode, 201, "the version in use stays after an invalid reload");
      writeFileSync(file, PLATFORM_YAML.replace(qa, `${qa}    permissions: { deploy: [Platform] }\n`));
      const ok = await reload();
      assert.equal(ok.statusCode, 200, ok.body);
      assert.ok(
        ok.json<{ changes: { path: string }[] }>().changes.some((c) => c.path === "environments.qa.permissions.deploy"),
      );
      const refused = await deploy();
      assert.equal(refused.statusCode, 403);
      assert.equal((errorOf(refused).details as { permission: string }).permission, "deploy");
      const history = await app.inject({ url: "/v1/platform/versions", headers: { authorization: `Bearer ${admin}` } });
      const versions = history.json<{ version: number; current: boolean; source: string }[]>();
      assert.deepEqual([versions[0]!.current, versions[0]!.source], [true, "reload"]);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(state, { recursive: true, force: true });
    }
  });
});
