import assert from "node:assert/strict";
import { after, it } from "node:test";
import type { Environment, Service } from "../../src/config/types.js";
import { ManualClock } from "../../src/engine/clock.js";
import { createEngine } from "../../src/engine/index.js";
import { releaseOf } from "../../src/engine/release.js";
import type { StepHandler } from "../../src/engine/steps/handler.js";
import { trainRollbackStep } from "../../src/engine/steps/train-rollback.js";
import type { RunView } from "../../src/engine/types.js";
import { listReleases } from "../../src/store/releases/read.js";
import { listRevisions } from "../../src/store/revisions/read.js";
import type { ServiceStatus } from "../../src/targets/target.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import type { TestDatabase } from "../support/databases.js";
import { FakeTarget, fakeTargets } from "../support/fake-target.js";
import { harness, settle, testPlatform } from "./support.js";
import type { Harness } from "./support.js";

after(removeTrees);

const TRAIN = `version: 1
name: train
stacks: { node: { port: 3000 } }
services:
  web: { stack: node, dependsOn: [api] }
  api: { stack: node, dependsOn: [db] }
  db: { stack: node }
environments:
  qa: { tier: nonprod }
`;

/** A target on which every revision of one service with one tag crashes (reports a restart), so its rollout fails. */
class CrashingTarget extends FakeTarget {
  constructor(private readonly crashes: { service: string; tag: string }) {
    super();
  }

  override async status(environment: Environment, service: Service): Promise<ServiceStatus> {
    const status = await super.status(environment, service);
    const crashed = (tag: string): boolean => service.name === this.crashes.service && tag === this.crashes.tag;
    return { ...status, revisions: status.revisions.map((r) => (crashed(r.tag) ? { ...r, restarts: 1 } : r)) };
  }
}

type Train = Harness & { target: CrashingTarget };

/** db, api and web run v1 in qa; v2 of api crashes. */
async function setUp(t: TestDatabase, handlers: StepHandler[] = []): Promise<Train> {
  const target = new CrashingTarget({ service: "api", tag: "v2" });
  const h = await harness(t, { targets: fakeTargets({}, target), platform: testPlatform(TRAIN), handlers });
  const first = await h.engine.api.submit(
    { kind: "deploy", environment: "qa", services: ["db", "api", "web"], params: { tag: "v1" } },
    "alice",
  );
  await settle(h, 250, 12);
  assert.equal((await h.engine.api.get(first.id)).status, "succeeded");
  return { ...h, target };
}

const SERVICES = ["db", "api", "web"] as const;

async function history(h: Harness): Promise<Record<string, [number, string, string][]>> {
  const out: Record<string, [number, string, string][]> = {};
  for (const s of SERVICES)
    out[s] = (await listRevisions(h.db.kysely, "qa", s)).map((r) => [r.number, r.tag, r.status]);
  return out;
}

async function running(
  h: Train,
): Promise<Record<string, { revisions: [number, string][]; weights: Record<string, number> }>> {
  const platform = testPlatform(TRAIN);
  const out: Record<string, { revisions: [number, string][]; weights: Record<string, number> }> = {};
  for (const s of SERVICES) {
    const status = await h.target.status(platform.environments.qa!, platform.services[s]!);
    out[s] = { revisions: status.revisions.map((r) => [r.revision, r.tag]), weights: status.weights };
  }
  return out;
}

const ON_V1_AFTER_FAILED_TRAIN = {
  db: [
    [3, "v1", "active"],
    [2, "v2", "failed"],
    [1, "v1", "superseded"],
  ],
  api: [
    [2, "v2", "failed"],
    [1, "v1", "active"],
  ],
  web: [
    [2, "v2", "failed"],
    [1, "v1", "active"],
  ],
};

const RUNNING_V1_AFTER_FAILED_TRAIN = {
  db: { revisions: [[3, "v1"]], weights: { 3: 100 } },
  api: { revisions: [[1, "v1"]], weights: { 1: 100 } },
  web: { revisions: [[1, "v1"]], weights: { 1: 100 } },
};

const compensation = (run: RunView): [string, string, unknown][] =>
  run.stages[0]!.steps.filter((s) => s.kind === "train-rollback" || s.key === "release-failed").map((s) => [
    s.key,
    s.status,
    s.output,
  ]);

forEachDatabase("release trains", (t) => {
  it("moves a three-service train back when its second service fails, leaving all three on their previous revisions", async () => {
    const h = await setUp(t);
    const train = await h.engine.api.submit(
      { kind: "deploy", environment: "qa", services: ["web", "api", "db"], params: { tag: "v2" } },
      "alice",
    );
    assert.deepEqual(train.services, ["db", "api", "web"], "released in the order of dependsOn");
    await settle(h, 250, 40);

    const run = await h.engine.api.get(train.id);
    assert.equal(run.status, "failed");
    assert.equal(run.error?.step, "rollout/api");
    assert.match(
      run.error?.message ?? "",
      /^revision 2 of api \(v2\) failed its health checks in qa: an instance crashed \(1 restart\); rolled back to revision 1 \(v1\)$/,
    );
    assert.deepEqual(compensation(run), [
      ["undo/web", "succeeded", { moved: false }],
      ["undo/api", "succeeded", { moved: false }],
      ["undo/db", "succeeded", { moved: true, revision: 3, tag: "v1" }],
      [
        "release-failed",
        "succeeded",
        { release: (await listReleases(h.db.kysely, { limit: 1 }))[0]!.release.id, status: "failed" },
      ],
    ]);
    assert.equal(run.stages[0]!.steps.find((s) => s.key === "rollout/web")?.status, "pending", "web never moved");

    assert.deepEqual(await history(h), ON_V1_AFTER_FAILED_TRAIN);
    assert.deepEqual(await running(h), RUNNING_V1_AFTER_FAILED_TRAIN);

    const releases = (await listReleases(h.db.kysely, { environment: "qa", limit: 10 })).map(releaseOf);
    assert.deepEqual(
      releases.map((r) => [r.status, r.runId, r.actor]),
      [
        ["failed", train.id, "alice"],
        ["released", releases[1]!.runId, "alice"],
      ],
    );
    assert.match(releases[0]!.id, /^rel-[a-z0-9]{8}$/);
    assert.deepEqual(
      releases[0]!.items,
      SERVICES.map((service) => ({ service, tag: "v2", revision: 2, previousRevision: 1, previousTag: "v1" })),
    );
    assert.deepEqual(
      releases[1]!.items.map((i) => [i.service, i.revision, i.previousRevision]),
      [
        ["db", 1, null],
        ["api", 1, null],
        ["web", 1, null],
      ],
    );
    assert.ok(releases[0]!.finishedAt !== null);
  });

  it("moves the train back when a person aborts one of its rollouts, the abort not stopping the move back", async () => {
    const h = await setUp(t);
    const train = await h.engine.api.submit(
      { kind: "deploy", environment: "qa", services: ["db", "api", "web"], params: { tag: "v3" } },
      "alice",
    );
    const step = async (key: string) => (await h.engine.api.get(train.id)).stages[0]!.steps.find((s) => s.key === key);
    await h.engine.worker.drain();
    for (let i = 0; i < 40 && (await step("rollout/api"))?.status !== "waiting"; i++) {
      h.clock.advance(250);
      await h.engine.worker.drain();
    }
    assert.equal((await step("rollout/db"))?.status, "succeeded");
    await h.engine.api.command(train.id, "abort", "bob", "wrong build");
    await settle(h, 250, 40);

    const run = await h.engine.api.get(train.id);
    assert.equal(run.status, "failed");
    assert.match(run.error?.message ?? "", /aborted by bob: wrong build/);
    assert.deepEqual(
      compensation(run).map(([key, status]) => [key, status]),
      [
        ["undo/web", "succeeded"],
        ["undo/api", "succeeded"],
        ["undo/db", "succeeded"],
        ["release-failed", "succeeded"],
      ],
    );
    const { db, api, web } = await history(h);
    assert.deepEqual(
      [db?.[0], api?.[0], web?.[0]],
      [
        [3, "v1", "active"],
        [2, "v3", "failed"],
        [2, "v3", "failed"],
      ],
    );
    assert.deepEqual((await running(h)).db, { revisions: [[3, "v1"]], weights: { 3: 100 } });
  });

  it("goes on with the compensation after the server running it died, moving nothing twice", async () => {
    // The first server dies right after it recorded db's revision back and started it, before it could persist that.
    let died: () => void = () => {};
    const dead = new Promise<void>((resolve) => (died = resolve));
    const dying: StepHandler = {
      kind: "train-rollback",
      run: async (ctx, params) => {
        const result = await trainRollbackStep.run(ctx, params);
        if (ctx.stepKey !== "undo/db") return result;
        died();
        return new Promise(() => {});
      },
    };
    const h = await setUp(t, [dying]);
    const train = await h.engine.api.submit(
      { kind: "deploy", environment: "qa", services: ["db", "api", "web"], params: { tag: "v2" } },
      "alice",
    );
    let gone = false;
    void dead.then(() => (gone = true));
    for (let i = 0; i < 40 && !gone; i++) {
      h.clock.advance(250);
      await Promise.race([h.engine.worker.drain(), dead]);
    }
    assert.ok(gone, "the first server reached db's compensation");
    assert.equal((await h.engine.api.get(train.id)).status, "running");

    // Another server on the same database and target, once the dead one's lease has expired.
    const clock = new ManualClock(h.clock.now() + 31_000);
    const next = createEngine({
      db: h.db,
      platform: testPlatform(TRAIN),
      clock,
      targets: fakeTargets({}, h.target),
      owner: "next-server",
      leaseMs: 30_000,
    });
    await settle({ engine: next, clock, db: h.db }, 250, 40);

    const run = await next.api.get(train.id);
    assert.equal(run.status, "failed");
    assert.equal(run.error?.step, "rollout/api");
    assert.deepEqual(
      compensation(run).map(([key, status]) => [key, status]),
      [
        ["undo/web", "succeeded"],
        ["undo/api", "succeeded"],
        ["undo/db", "succeeded"],
        ["release-failed", "succeeded"],
      ],
    );
    assert.equal(
      run.stages[0]!.steps.find((s) => s.key === "undo/web")?.attempts,
      1,
      "what was done before the crash is not done again",
    );
    assert.deepEqual(await history(h), ON_V1_AFTER_FAILED_TRAIN, "db's revision back was recorded once");
    assert.deepEqual(await running(h), RUNNING_V1_AFTER_FAILED_TRAIN);
  });

  it("rolls a released release back as a unit, in reverse order, and refuses to do it twice", async () => {
    const h = await setUp(t);
    const v3 = await h.engine.api.submit(
      { kind: "deploy", environment: "qa", services: ["db", "api", "web"], params: { tag: "v3" } },
      "bob",
    );
    await settle(h, 250, 20);
    assert.equal((await h.engine.api.get(v3.id)).status, "succeeded");
    const [release] = (await listReleases(h.db.kysely, { environment: "qa", limit: 1 })).map(releaseOf);
    assert.deepEqual([release?.status, release?.runId], ["released", v3.id]);

    await assert.rejects(
      h.engine.api.submit(
        { kind: "rollback", environment: "qa", services: [], params: { release: "rel-00000000" } },
        "bob",
      ),
      /no release "rel-00000000"/,
    );
    const rollback = await h.engine.api.submit(
      { kind: "rollback", environment: "qa", services: [], params: { release: release!.id } },
      "bob",
    );
    assert.deepEqual(rollback.services, ["web", "api", "db"]);
    await settle(h, 250, 20);
    const run = await h.engine.api.get(rollback.id);
    assert.equal(run.status, "succeeded", JSON.stringify(run.error));

    for (const s of SERVICES) {
      const [now, replaced] = await listRevisions(h.db.kysely, "qa", s);
      assert.deepEqual(
        [now?.tag, now?.status, replaced?.tag, replaced?.status],
        ["v1", "active", "v3", "superseded"],
        s,
      );
    }
    assert.deepEqual((await running(h)).api, { revisions: [[3, "v1"]], weights: { 3: 100 } });
    const [after] = (await listReleases(h.db.kysely, { environment: "qa", limit: 1 })).map(releaseOf);
    assert.deepEqual([after?.id, after?.status], [release?.id, "rolled-back"]);
    await assert.rejects(
      h.engine.api.submit(
        { kind: "rollback", environment: "qa", services: [], params: { release: release!.id } },
        "bob",
      ),
      /release rel-\w+ was already rolled back/,
    );
  });
});
