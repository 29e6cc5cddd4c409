import assert from "node:assert/strict";
import { it } from "node:test";
import { ManualClock } from "../../src/engine/clock.js";
import { createEngine } from "../../src/engine/index.js";
import type { Engine } from "../../src/engine/index.js";
import { standbyKey } from "../../src/engine/standby.js";
import type { Environment, Service } from "../../src/config/types.js";
import type { Db } from "../../src/store/database.js";
import type { ServiceStatus } from "../../src/targets/target.js";
import { migrate } from "../../src/store/migrate.js";
import { listRevisions } from "../../src/store/revisions/read.js";
import { setStandbyUntil } from "../../src/store/revisions/standby.js";
import { setRevisionStatus } from "../../src/store/revisions/write.js";
import { claimReadyRun } from "../../src/store/runs/claim.js";
import { findOccurrence } from "../../src/store/schedule/occurrences.js";
import { forEachDatabase } from "../support/databases.js";
import type { TestDatabase } from "../support/databases.js";
import { FakeTarget, fakeTargets } from "../support/fake-target.js";
import { START, testPlatform } from "./support.js";

const PLATFORM = `version: 1
name: schedule
stacks: { node: { port: 3000 } }
services: { api: { stack: node }, web: { stack: node } }
environments:
  dev: { tier: nonprod, lock: runLatest }
  uat: { tier: preprod, from: dev, deployment: scheduled, schedule: { cron: "*/10 * * * *", timezone: UTC } }
`;

const LEASE_MS = 30_000;
const env = (name: string) => ({ name }) as Environment;
const svc = (name: string) => ({ name }) as Service;

/** The fake target, counting the removals asked of it; `pause` holds its status reads (a server paused mid-step). */
class RemovalCounter extends FakeTarget {
  readonly removals: string[] = [];
  pause: { entered(): void; gate: Promise<void> } | undefined;

  override async status(environment: Environment, service: Service): Promise<ServiceStatus> {
    const pause = this.pause;
    if (pause) {
      pause.entered();
      await pause.gate;
    }
    return super.status(environment, service);
  }

  override removeRevision(environment: Environment, service: Service, revision: number): Promise<void> {
    this.removals.push(`${environment.name}/${service.name}/${revision}`);
    return super.removeRevision(environment, service, revision);
  }
}

interface Servers {
  a: Engine;
  b: Engine;
  db: Db;
  clock: ManualClock;
  target: RemovalCounter;
}

/** Two servers (engines with their own connections) on one database, one clock, one target. */
async function twoServers(t: TestDatabase): Promise<Servers> {
  const url = await t.createDatabase();
  const db = await t.open(url);
  await migrate(db);
  const clock = new ManualClock(START);
  const target = new RemovalCounter();
  const platform = testPlatform(PLATFORM);
  const server = async (owner: string): Promise<Engine> =>
    createEngine({
      db: await t.open(url),
      platform,
      clock,
      targets: fakeTargets({}, target),
      owner,
      leaseMs: LEASE_MS,
    });
  return { a: await server("server-a"), b: await server("server-b"), db, clock, target };
}

/** Moves the clock in small steps, draining a's worker, until the run ends. */
async function finish(s: Servers, id: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    await s.a.worker.drain();
    const { status } = await s.a.api.get(id);
    if (["succeeded", "failed", "cancelled"].includes(status)) return status;
    s.clock.advance(250);
  }
  return (await s.a.api.get(id)).status;
}

/**
 * Deploys v1 then v2 of api to dev, then makes revision 1 a standby for `afterMs` more, running
 * beside 2 as a blue-green switch leaves it. Returns when its standby ends.
 */
async function standbyFor(s: Servers, afterMs: number): Promise<number> {
  for (const tag of ["v1", "v2"]) {
    const run = await s.a.api.submit(
      { kind: "deploy", environment: "dev", services: ["api"], params: { tag } },
      "alice",
    );
    assert.equal(await finish(s, run.id), "succeeded");
  }
  const untilMs = s.clock.now() + afterMs;
  await s.db.transaction(async (tx) => {
    await setRevisionStatus(tx, "dev", "api", 1, "standby", s.clock.now());
    await setStandbyUntil(tx, "dev", "api", untilMs);
  });
  await s.target.ensureRevision({
    environment: env("dev"),
    service: svc("api"),
    revision: 1,
    tag: "v1",
    digest: null,
    replicas: 1,
    env: {},
    secrets: [],
    idempotencyKey: "standby-1",
  });
  await s.target.setWeights(env("dev"), svc("api"), { 2: 100 });
  s.target.removals.length = 0; // v2's rollout removed revision 1 before it was made a standby
  return untilMs;
}

const expiries = (e: Engine) => e.api.list({ kind: "expire-standby" });
const running = async (s: Servers) =>
  (await s.target.status(env("dev"), svc("api"))).revisions.map((r) => r.revision).sort();

forEachDatabase("scheduled work exactly once", (t) => {
  it("two servers see the same expired standby: one expire-standby run, the revision removed once", async () => {
    const s = await twoServers(t);
    const untilMs = await standbyFor(s, 60_000);
    await Promise.all([s.a.timers(), s.b.timers()]);
    assert.equal((await expiries(s.a)).length, 0, "nothing is due before the standby's time");
    s.clock.advance(60_000);
    await Promise.all([s.a.timers(), s.b.timers(), s.a.timers(), s.b.timers()]);
    const [run, ...more] = await expiries(s.a);
    assert.equal(more.length, 0, "of four looks by two servers, one run");
    assert.deepEqual(
      [run?.actor, run?.environment, run?.services, run?.request.params],
      ["quikship", "dev", ["api"], { revision: 1 }],
    );
    const occurrence = await findOccurrence(s.db.kysely, standbyKey("dev", "api", 1, untilMs));
    assert.equal(occurrence?.run_id, run?.id);
    assert.ok(["server-a", "server-b"].includes(occurrence?.claimed_by ?? ""));
    await Promise.all([s.a.worker.drain(), s.b.worker.drain()]);
    const done = await s.b.api.get(run?.id ?? "");
    assert.equal(done.status, "succeeded", JSON.stringify(done.error));
    assert.deepEqual(s.target.removals, ["dev/api/1"]);
    assert.deepEqual(await running(s), [2]);
    const revisions = await listRevisions(s.db.kysely, "dev", "api");
    assert.deepEqual(
      revisions.map((r) => [r.number, r.status]),
      [
        [2, "active"],
        [1, "superseded"],
      ],
    );
    s.clock.advance(60_000);
    await Promise.all([s.a.timers(), s.b.timers()]);
    assert.equal((await expiries(s.a)).length, 1, "a stopped standby is not due again");
  });

  it("survives the death of the server that submitted and claimed it: the other takes it after the lease", async () => {
    const s = await twoServers(t);
    await standbyFor(s, 0);
    await s.a.timers();
    const [run] = await expiries(s.a);
    assert.ok(run);
    // Server a claims the run, as its worker would, and dies before executing anything.
    const claimed = await claimReadyRun(s.db.kysely, s.db.dialect, {
      owner: "server-a",
      now: s.clock.now(),
      leaseMs: LEASE_MS,
    });
    assert.equal(claimed?.id, run.id);
    assert.equal(await s.b.worker.drain(), 0, "held by a while its lease runs");
    await s.b.timers();
    assert.equal((await expiries(s.b)).length, 1, "b's look submits nothing more");
    s.clock.advance(LEASE_MS + 1);
    await s.b.worker.drain();
    assert.equal((await s.b.api.get(run.id)).status, "succeeded");
    assert.deepEqual(s.target.removals, ["dev/api/1"]);
    assert.deepEqual(await running(s), [2]);
  });

  it("fences the removal of a server paused past its lease: the server that took the run removes it, once", async () => {
    const s = await twoServers(t);
    await standbyFor(s, 0);
    await s.a.timers();
    const [run] = await expiries(s.a);
    let resume = (): void => undefined;
    let entered = (): void => undefined;
    const inStep = new Promise<void>((resolve) => (entered = resolve));
    s.target.pause = { entered, gate: new Promise<void>((resolve) => (resume = resolve)) };
    const pausedA = s.a.worker.drain();
    await inStep;
    s.target.pause = undefined;
    // server-a is paused in the step past its lease; server-b takes the run.
    await s.db.kysely
      .updateTable("runs")
      .set({ lease_expires_at: s.clock.now() })
      .where("id", "=", run?.id ?? "")
      .execute();
    await s.b.worker.drain();
    assert.equal((await s.b.api.get(run?.id ?? "")).status, "succeeded");
    assert.deepEqual(s.target.removals, ["dev/api/1"]);
    resume();
    await pausedA;
    assert.deepEqual(s.target.removals, ["dev/api/1"], "server-a removed nothing after it resumed");
    assert.deepEqual(await running(s), [2]);
  });

  it("leaves a standby running that serves traffic again", async () => {
    const s = await twoServers(t);
    await standbyFor(s, 0);
    await s.a.timers();
    // Traffic went back to revision 1 before the run took the lock.
    await s.target.setWeights(env("dev"), svc("api"), { 1: 100 });
    await s.a.worker.drain();
    const [run] = await expiries(s.a);
    const step = run && (await s.a.api.get(run.id)).stages[0]?.steps.at(-1);
    assert.equal(step?.status, "succeeded");
    assert.deepEqual(step?.output, {
      revision: 1,
      removed: false,
      reason: "serves 100% of the traffic again; left running",
    });
    assert.deepEqual(s.target.removals, []);
    assert.deepEqual(await running(s), [1, 2]);
    const [one] = (await listRevisions(s.db.kysely, "dev", "api")).filter((r) => r.number === 1);
    assert.deepEqual([one?.status, one?.standby_until], ["standby", null], "no longer due");
    s.clock.advance(1000);
    await s.a.timers();
    assert.equal((await expiries(s.a)).length, 1);
  });

  it("leaves a standby a later switch prolonged, and stops it at its new time with a run of its own", async () => {
    const s = await twoServers(t);
    const first = await standbyFor(s, 0);
    await s.a.timers();
    await s.db.transaction((tx) => setStandbyUntil(tx, "dev", "api", first + 60_000));
    await s.b.worker.drain();
    const [kept] = await expiries(s.a);
    const step = kept && (await s.a.api.get(kept.id)).stages[0]?.steps.at(-1);
    const output = step?.output as { removed?: boolean; reason?: string } | undefined;
    assert.equal(output?.removed, false);
    assert.match(String(output?.reason), /stays on standby \(a later switch set its time: /);
    assert.deepEqual(await running(s), [1, 2]);
    s.clock.advance(60_000);
    await Promise.all([s.a.timers(), s.b.timers()]);
    const [again, ...older] = await expiries(s.a);
    assert.equal(older.length, 1, "a second occurrence, with its own key");
    await s.b.worker.drain();
    assert.equal((await s.a.api.get(again?.id ?? "")).status, "succeeded");
    assert.deepEqual(s.target.removals, ["dev/api/1"]);
    assert.deepEqual(await running(s), [2]);
  });

  it("refuses an expire-standby run of other than one service or without a revision, storing nothing", async () => {
    const s = await twoServers(t);
    const submit = (services: string[], params: Record<string, unknown>) =>
      s.a.api.submit({ kind: "expire-standby", environment: "dev", services, params } as never, "alice");
    await assert.rejects(submit(["api", "web"], { revision: 1 }), { kind: "input", message: /exactly one service/ });
    await assert.rejects(submit([], { revision: 1 }), { kind: "input", message: /exactly one service/ });
    await assert.rejects(submit(["api"], {}), { kind: "input", message: /params\.revision/ });
    await assert.rejects(submit(["api"], { revision: 0 }), { kind: "input", message: /params\.revision/ });
    await assert.rejects(submit(["api"], { revision: 1, now: true }), {
      kind: "input",
      message: /unknown parameter now for a expire-standby run \(it takes: revision\)/,
    });
    assert.deepEqual(await expiries(s.a), []);
  });

  it("never supersedes nor is superseded where the environment runs the latest (lock: runLatest)", async () => {
    const s = await twoServers(t);
    const expire = (revision: number) =>
      s.a.api.submit(
        { kind: "expire-standby", environment: "dev", services: ["api"], params: { revision } },
        "quikship",
      );
    const [one, two] = [await expire(1), await expire(2)];
    const deploy = await s.a.api.submit(
      { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1" } },
      "alice",
    );
    for (const run of [one, two, deploy]) assert.equal((await s.a.api.get(run.id)).status, "queued");
  });

  it("two servers promote into a scheduled environment once per time of its cron", async () => {
    const s = await twoServers(t);
    const run = await s.a.api.submit(
      { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1" } },
      "alice",
    );
    assert.equal(await finish(s, run.id), "succeeded");
    await Promise.all([s.a.promoter.tick(), s.b.promoter.tick()]);
    s.clock.advance(10 * 60_000);
    await Promise.all([s.a.timers(), s.b.timers(), s.b.timers()]);
    const promotions = await s.a.api.list({ kind: "promote" });
    assert.equal(promotions.length, 1);
    assert.deepEqual(promotions[0]?.request.params.to, ["uat"]);
    const key = `scheduled/uat/${new Date(Math.floor(s.clock.now() / 600_000) * 600_000).toISOString()}/v1`;
    assert.equal((await findOccurrence(s.db.kysely, key))?.run_id, promotions[0]?.id);
  });
});
