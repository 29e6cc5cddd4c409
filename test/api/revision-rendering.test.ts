import assert from "node:assert/strict";
import { after, afterEach, beforeEach, it } from "node:test";
import type { RevisionRenderingView } from "../../src/api/rendering-schemas.js";
import { buildService } from "../../src/manifests/built.js";
import { keepRevisionRendering } from "../../src/store/revisions/rendering.js";
import { activateRevision, createRevision } from "../../src/store/revisions/write.js";
import type { Db } from "../../src/store/db.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { clearTables, errorOf, PLATFORM_YAML, startTestApp, T0, testPlatform } from "./support.js";
import type { TestApp } from "./support.js";

after(removeTrees);

/** Only the Platform group (alice) may see dev's variables, and so its renderings; bob is a Developer. */
const YAML = PLATFORM_YAML.replace(
  "    router: { port: 7101 }\n",
  "    router: { port: 7101 }\n    permissions: { variables: [Platform] }\n",
);

/** A revision of web in dev; `rendered` stores the rendering the kubernetes target would keep. */
async function revision(db: Db, tag: string, rendered: boolean, active: boolean): Promise<number> {
  return db.transaction(async (tx) => {
    const row = await createRevision(tx, {
      environment: "dev",
      service: "web",
      tag,
      replicas: 1,
      runId: `run-${tag}`,
      detail: { cause: "deploy" },
      now: T0,
    });
    const key = { environment: "dev", service: "web", number: row.number };
    if (rendered) await keepRevisionRendering(tx, key, buildService(testPlatform(YAML), "dev", "web", tag));
    if (active) await activateRevision(tx, "dev", "web", row.number, T0 + row.number, false);
    return row.number;
  });
}

forEachDatabase("a revision's stored rendering through the API", (t) => {
  let s: TestApp;
  let alice: string;
  let bob: string;
  beforeEach(async () => {
    await clearTables(t.db);
    await t.db.kysely.deleteFrom("revisions").execute();
    s = await startTestApp(t.db, { platformYaml: YAML });
    alice = (await s.tokenFor("alice")).token;
    bob = (await s.tokenFor("bob")).token;
  });
  afterEach(() => s.close());
  const get = (url: string, token = alice) => s.app.inject({ url, headers: s.auth(token) });

  it("serves the files and objects stored with a revision, by number and as the running one", async () => {
    const one = await revision(t.db, "v1.0.0", true, true);
    const two = await revision(t.db, "v1.1.0", true, true);
    const res = await get(`/v1/history/dev/web/${one}/rendering`);
    assert.equal(res.statusCode, 200, res.body);
    const view = res.json<RevisionRenderingView>();
    const stored = buildService(testPlatform(YAML), "dev", "web", "v1.0.0");
    assert.deepEqual(view, { environment: "dev", service: "web", revision: one, tag: "v1.0.0", ...pick(stored) });
    assert.ok(view.files.some((f) => f.path === "overlays/dev/web/kustomization.yaml" && f.content.includes("v1.0.0")));
    const running = (await get("/v1/history/dev/web/running/rendering")).json<RevisionRenderingView>();
    assert.deepEqual([running.revision, running.tag], [two, "v1.1.0"]);
  });

  it("answers 404 for a missing revision, none running, or one without a stored rendering; 400 for a bad number", async () => {
    const res = await get("/v1/history/dev/web/running/rendering");
    assert.equal(res.statusCode, 404);
    assert.match(errorOf(res).message, /web has no revision running in dev/);
    const local = await revision(t.db, "v2.0.0", false, false);
    const unrendered = await get(`/v1/history/dev/web/${local}/rendering`);
    assert.equal(unrendered.statusCode, 404);
    assert.match(errorOf(unrendered).message, /has no stored rendering: only the kubernetes target stores one/);
    assert.match(errorOf(await get("/v1/history/dev/web/7/rendering")).message, /web has no revision 7 in dev/);
    for (const bad of ["0", "one", "1.5"])
      assert.equal((await get(`/v1/history/dev/web/${bad}/rendering`)).statusCode, 400, bad);
    assert.match(errorOf(await get("/v1/history/dev/wbe/1/rendering")).message, /unknown service "wbe"/);
  });

  it("refuses someone who may not see the environment's variables with 403 naming the permission", async () => {
    const one = await revision(t.db, "v1.0.0", true, true);
    const res = await get(`/v1/history/dev/web/${one}/rendering`, bob);
    assert.equal(res.statusCode, 403);
    assert.match(errorOf(res).message, /bob \(in "Developers"\) may not variables in dev: only "Platform"/);
    assert.deepEqual((errorOf(res).details as { permission?: string }).permission, "variables");
    assert.ok(!res.body.includes("kustomization"));
  });
});

const pick = (build: { files: unknown; objects: unknown }) => ({ files: build.files, objects: build.objects });
