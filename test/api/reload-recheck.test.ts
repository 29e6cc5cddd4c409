/**
 * A reload takes rights away at once, on the real engine: waiting runs are checked against the
 * new version (their plan stays), and an approval gate is read from the version in use.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { pino } from "pino";
import { buildApp } from "../../src/api/app.js";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import { PlatformHolder } from "../../src/reload/holder.js";
import { reloadPlatform, storePlatform } from "../../src/reload/reload.js";
import { removeTrees } from "../config/support.js";
import { harness, settle } from "../engine/support.js";
import { forEachDatabase } from "../support/databases.js";
import { fakeTargets } from "../support/fake-target.js";
import { personalToken } from "../support/tokens.js";
import { errorOf } from "./support.js";

after(removeTrees);

const PLATFORM = `version: 1
name: recheck
stacks: { node: { port: 3000 } }
services: { api: { stack: node } }
users: { alice: {}, cara: {}, rob: {} }
groups:
  Developers: { members: [alice] }
  QA Lead: { members: [cara] }
  Release Manager: { members: [rob] }
environments:
  dev: { tier: nonprod, permissions: { deploy: [Developers] } }
  qa:
    tier: nonprod
    from: dev
    approvals: { groups: [QA Lead] }
    permissions: { deploy: [Developers, Release Manager] }
`;

forEachDatabase("waiting runs after a platform reload", (t) => {
  it("refuses an approval by a group the new version no longer lists, then fails the run whose submitter lost the right", async () => {
    const dir = mkdtempSync(join(tmpdir(), "quikship-recheck-"));
    const file = join(dir, "quikship.yaml");
    writeFileSync(file, PLATFORM);
    const platform = loadPlatformOrThrow(file).platform;
    const holder = new PlatformHolder({ platform, version: 0, hash: "" });
    const h = await harness(t, { platform: () => holder.current() });
    // As the server does at start: the platform in use is stored as a version first.
    const started = await storePlatform(h.db, platform, { by: "system", source: "startup" }, h.clock.now());
    holder.replace({ platform, version: started.version, hash: started.hash });
    const app = await buildApp({
      engine: h.engine.api,
      platform,
      platforms: holder,
      reload: async (who) => {
        const result = await reloadPlatform({ db: h.db, holder, path: file, clock: h.clock }, who);
        if (result.outcome === "reloaded") await h.engine.recheck(result.version);
        return result;
      },
      db: h.db,
      // The run waits at the approval gate: no target is asked.
      targets: fakeTargets({}),
      stateDir: dir,
      logger: pino({ level: "silent" }),
      clock: h.clock,
    });
    try {
      await app.ready();
      const admin = readFileSync(join(dir, "admin.token"), "utf8").trim();
      const as = async (user: string) => `Bearer ${(await personalToken(h.db, platform, user, h.clock.now())).token}`;
      const [alice, cara] = [await as("alice"), await as("cara")];
      const submitted = await app.inject({
        method: "POST",
        url: "/v1/runs",
        headers: { authorization: alice },
        payload: { kind: "deploy", environment: "qa", services: ["api"], params: { tag: "v1" } },
      });
      assert.equal(submitted.statusCode, 201, submitted.body);
      const id = submitted.json<{ id: string }>().id;
      await settle(h, 250, 4);
      const view = async () =>
        (await h.engine.api.get(id)) as { status: string; waitReason?: { kind: string }; error?: { message: string } };
      assert.equal((await view()).waitReason?.kind, "approval");
      const reload = async (yaml: string) => {
        writeFileSync(file, yaml);
        const res = await app.inject({
          method: "POST",
          url: "/v1/platform/reload",
          headers: { authorization: `Bearer ${admin}` },
          payload: {},
        });
        assert.equal(res.statusCode, 200, res.body);
      };

      await reload(PLATFORM.replace("approvals: { groups: [QA Lead] }", "approvals: { groups: [Release Manager] }"));
      const approve = await app.inject({
        method: "POST",
        url: `/v1/runs/${id}/approve`,
        headers: { authorization: cara },
        payload: {},
      });
      assert.equal(approve.statusCode, 403, approve.body);
      assert.match(errorOf(approve).message, /Release Manager/);
      assert.equal((await view()).status, "waiting", "the run still waits, its plan unchanged");

      await reload(
        PLATFORM.replace("approvals: { groups: [QA Lead] }", "approvals: { groups: [Release Manager] }").replace(
          "permissions: { deploy: [Developers, Release Manager] }",
          "permissions: { deploy: [Release Manager] }",
        ),
      );
      const failed = await view();
      assert.equal(failed.status, "failed");
      assert.match(failed.error?.message ?? "", /platform version 3 no longer allows this run: .*deploy.*qa/);
      const audit = await h.db.kysely.selectFrom("audit").select(["action", "subject"]).execute();
      assert.ok(audit.some((e) => e.action === "run.revoke" && e.subject === id));
    } finally {
      await app.close();
      await h.engine.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps an administrator's queued registry-prune run while they stay an administrator, and fails it once they are not", async () => {
    const text = `version: 1
name: recheck
registry: { server: registry.example }
stacks: { node: { port: 3000 } }
services: { api: { stack: node, image: registry.example/api } }
users: { alice: {}, rob: {} }
groups:
  Developers: { members: [alice] }
  Platform: { members: [rob], admin: true }
environments:
  dev: { tier: nonprod, permissions: { deploy: [Developers] } }
`;
    const dir = mkdtempSync(join(tmpdir(), "quikship-recheck-"));
    const file = join(dir, "quikship.yaml");
    writeFileSync(file, text);
    const platform = loadPlatformOrThrow(file).platform;
    const holder = new PlatformHolder({ platform, version: 0, hash: "" });
    const h = await harness(t, { platform: () => holder.current() });
    const started = await storePlatform(h.db, platform, { by: "system", source: "startup" }, h.clock.now());
    holder.replace({ platform, version: started.version, hash: started.hash });
    const reloaded = async (yaml: string) => {
      writeFileSync(file, yaml);
      const result = await reloadPlatform(
        { db: h.db, holder, path: file, clock: h.clock },
        { by: "admin", source: "reload" },
      );
      assert.equal(result.outcome, "reloaded");
      if (result.outcome === "reloaded") await h.engine.recheck(result.version);
    };
    const app = await buildApp({
      engine: h.engine.api,
      platform,
      platforms: holder,
      db: h.db,
      targets: fakeTargets({}),
      stateDir: dir,
      logger: pino({ level: "silent" }),
      clock: h.clock,
    });
    try {
      await app.ready();
      const rob = `Bearer ${(await personalToken(h.db, platform, "rob", h.clock.now())).token}`;
      const submitted = await app.inject({
        method: "POST",
        url: "/v1/runs",
        headers: { authorization: rob },
        payload: { kind: "registry-prune", environment: "dev", params: { dryRun: true } },
      });
      assert.equal(submitted.statusCode, 201, submitted.body);
      const id = submitted.json<{ id: string }>().id;
      // rob may not deploy in dev, but pruning asks for an administrator only.
      await reloaded(text.replace("name: recheck", "name: recheck\ndescription: again"));
      assert.equal((await h.engine.api.get(id)).status, "queued");
      await reloaded(
        text.replace("Platform: { members: [rob], admin: true }", "Platform: { members: [], admin: true }"),
      );
      const failed = await h.engine.api.get(id);
      assert.equal(failed.status, "failed");
      assert.match(failed.error?.message ?? "", /no longer allows this run: rob is no longer an administrator/);
    } finally {
      await app.close();
      await h.engine.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
