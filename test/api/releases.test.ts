import assert from "node:assert/strict";
import { after, it } from "node:test";
import type { ReleaseView } from "../../src/api/release-schemas.js";
import type { Db } from "../../src/store/db.js";
import { insertRelease } from "../../src/store/releases/insert.js";
import { setReleaseStatus } from "../../src/store/releases/update.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { queuedRun } from "../support/runs.js";
import { eachTestApp, errorOf, T0 } from "./support.js";

after(removeTrees);

async function released(
  db: Db,
  id: string,
  environment: string,
  runId: string,
  at: number,
  items: { service: string; revision: number; previous: number | null }[],
): Promise<void> {
  await db.kysely
    .insertInto("runs")
    .values(queuedRun(runId, at, { environment }))
    .execute();
  const rows = items.map((i) => ({
    service: i.service,
    tag: `v${i.revision}`,
    revision: i.revision,
    previous_revision: i.previous,
    previous_tag: i.previous === null ? null : `v${i.previous}`,
  }));
  const again = { id: "rel-other000", environment, runId, actor: "bob", now: at + 5, items: rows };
  await db.transaction(async (tx) => {
    await insertRelease(tx, { id, environment, runId, actor: "bob", now: at, items: rows });
    const twice = await insertRelease(tx, again);
    assert.equal(twice.release.id, id, "a run records one release per environment");
  });
}

forEachDatabase("the releases API", (t) => {
  const h = eachTestApp(t, {
    clear: async (db) => {
      await db.kysely.deleteFrom("releases").execute();
      await db.kysely.deleteFrom("runs").execute();
    },
  });
  const get = h.get;

  it("lists releases newest first with their artifacts in release order, of one environment or all", async () => {
    await released(t.db, "rel-first001", "dev", "run-1", T0, [{ service: "api", revision: 1, previous: null }]);
    await released(t.db, "rel-second02", "qa", "run-2", T0 + 1000, [
      { service: "api", revision: 3, previous: 2 },
      { service: "web", revision: 2, previous: 1 },
    ]);
    await t.db.transaction((tx) => setReleaseStatus(tx, "rel-second02", "released", T0 + 2000));

    const all = await get("/v1/releases");
    assert.equal(all.statusCode, 200, all.body);
    assert.deepEqual(
      all.json<ReleaseView[]>().map((r) => [r.id, r.environment, r.status]),
      [
        ["rel-second02", "qa", "released"],
        ["rel-first001", "dev", "rolling-out"],
      ],
    );
    const qa = (await get("/v1/releases?environment=qa")).json<ReleaseView[]>();
    assert.deepEqual(qa, [
      {
        id: "rel-second02",
        environment: "qa",
        runId: "run-2",
        actor: "bob",
        status: "released",
        createdAt: T0 + 1000,
        finishedAt: T0 + 2000,
        items: [
          { service: "api", tag: "v3", revision: 3, previousRevision: 2, previousTag: "v2" },
          { service: "web", tag: "v2", revision: 2, previousRevision: 1, previousTag: "v1" },
        ],
      },
    ]);
    assert.deepEqual(
      (await get("/v1/releases?limit=1")).json<ReleaseView[]>().map((r) => r.id),
      ["rel-second02"],
    );
  });

  it("answers one release by id, and 404 for an unknown release or environment", async () => {
    await released(t.db, "rel-first001", "dev", "run-1", T0, [{ service: "api", revision: 1, previous: null }]);
    const one = await get("/v1/releases/rel-first001");
    assert.equal(one.statusCode, 200, one.body);
    assert.deepEqual(one.json<ReleaseView>().items, [
      { service: "api", tag: "v1", revision: 1, previousRevision: null, previousTag: null },
    ]);
    const unknown = await get("/v1/releases/rel-nope0000");
    assert.equal(unknown.statusCode, 404);
    assert.match(errorOf(unknown).message, /no release "rel-nope0000"/);
    const env = await get("/v1/releases?environment=qq");
    assert.equal(env.statusCode, 404);
    assert.match(errorOf(env).message, /unknown environment "qq" \(did you mean "qa"/);
  });
});
