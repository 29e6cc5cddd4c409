import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { ManualClock } from "../../src/engine/clock.js";
import type { Clock } from "../../src/engine/clock.js";
import { DEFAULT_LEASE_MS, createEngine } from "../../src/engine/index.js";
import type { StepHandler } from "../../src/engine/steps/handler.js";
import type { Db } from "../../src/store/database.js";
import { migrate } from "../../src/store/migrate.js";
import { CountingTarget } from "../../src/targets/counting.js";
import { singleTarget } from "../../src/targets/registry.js";
import { forEachDatabase } from "../support/databases.js";
import { START, testPlatform } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-fence-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A step that waits for the test before it shifts traffic, as a step busy when its server is paused would. */
function trafficStep(gate: Promise<void> | undefined, entered: () => void): StepHandler {
  return {
    kind: "noop",
    run: async (ctx) => {
      entered();
      await gate;
      const environment = ctx.platform.environments.qa!;
      const service = ctx.platform.services.api!;
      await ctx.targets.forEnvironment(environment).setWeights(environment, service, { 1: 100 });
      return { outcome: "done" };
    },
  };
}

/** A step that waits for the test before it takes the lock of api in qa, as a step busy when its server is paused would. */
function lockingStep(gate: Promise<void> | undefined, entered: () => void): StepHandler {
  return {
    kind: "noop",
    run: async (ctx) => {
      entered();
      await gate;
      const lock = await ctx.locks.acquire("qa", "api");
      if (!lock.acquired) throw new Error(`the lock is held by ${lock.heldBy}`);
      return { outcome: "done" };
    },
  };
}

/** A step's pause: `entered` tells the test the step is in, `inStep` resolves then; it goes on once `resume` opens `gate`. */
function pausedStep(): { gate: Promise<void>; resume: () => void; inStep: Promise<void>; entered: () => void } {
  let resume = (): void => undefined;
  const gate = new Promise<void>((resolve) => (resume = resolve));
  let entered = (): void => undefined;
  const inStep = new Promise<void>((resolve) => (entered = resolve));
  return { gate, resume, inStep, entered };
}

/**
 * server-a and server-b on one database, server-b a lease later than server-a: to it, server-a
 * (paused, not renewing) lost the run; server-a's own loop never sees its lease run out, so only
 * server-b claims the run again. server-a runs `handlerA` on `targetA`; `fenced()` counts the
 * effects its fence stopped.
 */
function pausedPair(db: Db, targetA: CountingTarget, handlerA: StepHandler, targetB: CountingTarget) {
  const platform = testPlatform();
  let fenced = 0;
  const clockA = new ManualClock(START);
  const a = createEngine({
    db,
    platform,
    clock: clockA,
    owner: "server-a",
    targets: singleTarget(targetA),
    handlers: [handlerA],
    observer: { effectFenced: () => fenced++ },
  });
  const b = createEngine({
    db,
    platform,
    clock: new ManualClock(START + DEFAULT_LEASE_MS),
    owner: "server-b",
    targets: singleTarget(targetB),
    handlers: [trafficStep(undefined, () => undefined)],
  });
  return { a, b, clockA, fenced: () => fenced };
}

forEachDatabase("the lease fence", (t) => {
  it("refuses the target effect of a server whose run another server took while it was paused", async () => {
    const db = await t.open(await t.createDatabase());
    await migrate(db);
    const { gate, resume, inStep, entered } = pausedStep();
    const targetA = new CountingTarget(join(dir, `a-${t.dialect}.jsonl`));
    const targetB = new CountingTarget(join(dir, `b-${t.dialect}.jsonl`));
    const { a, b, fenced } = pausedPair(db, targetA, trafficStep(gate, entered), targetB);
    const { id } = await a.api.submit({ kind: "noop", environment: "qa", services: [], params: { steps: 1 } }, "alice");
    const pausedA = a.worker.drain();
    await inStep;
    await b.worker.drain();
    assert.equal((await b.api.get(id)).status, "succeeded", "server-b took the run over and finished it");
    assert.equal(targetB.calls().length, 1);
    resume();
    await pausedA;
    assert.deepEqual(targetA.calls(), [], "server-a applied nothing after it resumed");
    assert.equal(fenced(), 1, "the fence stopped server-a's effect");
    const run = await a.api.get(id);
    assert.equal(run.status, "succeeded");
    assert.equal(run.stages[0]?.steps[0]?.attempts, 2, "one attempt each; server-a's late end wrote nothing");
  });

  it("refuses the write of an effect whose server was paused in the middle of it, after the fence let it start", async () => {
    const db = await t.open(await t.createDatabase());
    await migrate(db);
    // server-a's effect passes the fence, then reads (here: waits on the test) before it writes;
    // server-a is paused during those reads, past its lease, and server-b takes the run meanwhile.
    const { gate, resume, inStep, entered } = pausedStep();
    class ReadsFirst extends CountingTarget {
      override async setWeights(...args: Parameters<CountingTarget["setWeights"]>): Promise<void> {
        entered();
        await gate;
        return super.setWeights(...args);
      }
    }
    const targetA = new ReadsFirst(join(dir, `reads-a-${t.dialect}.jsonl`));
    const targetB = new CountingTarget(join(dir, `reads-b-${t.dialect}.jsonl`));
    const { a, b, clockA, fenced } = pausedPair(
      db,
      targetA,
      trafficStep(undefined, () => undefined),
      targetB,
    );
    const { id } = await a.api.submit({ kind: "noop", environment: "qa", services: [], params: { steps: 1 } }, "alice");
    const pausedA = a.worker.drain();
    await inStep;
    await b.worker.drain();
    assert.equal((await b.api.get(id)).status, "succeeded", "server-b took the run over and finished it");
    assert.equal(targetB.calls().length, 1);
    // server-a wakes up a lease later, in the middle of its effect.
    clockA.advance(DEFAULT_LEASE_MS);
    resume();
    await pausedA;
    assert.deepEqual(targetA.calls(), [], "server-a wrote nothing after it resumed");
    assert.deepEqual(targetA.effects(), []);
    assert.equal(fenced(), 1, "the write check stopped server-a's effect");
    assert.equal((await a.api.get(id)).stages[0]?.steps[0]?.attempts, 2, "server-a's late end wrote nothing");
  });

  it("takes no lock for a run that another server took and finished while it was paused", async () => {
    const db = await t.open(await t.createDatabase());
    await migrate(db);
    const clock = new ManualClock(START);
    const later = new ManualClock(START + DEFAULT_LEASE_MS);
    const platform = testPlatform();
    const { gate, resume, inStep, entered } = pausedStep();
    const target = singleTarget(new CountingTarget(join(dir, `lock-${t.dialect}.jsonl`)));
    const a = createEngine({
      db,
      platform,
      clock,
      owner: "server-a",
      targets: target,
      handlers: [lockingStep(gate, entered)],
    });
    const b = createEngine({
      db,
      platform,
      clock: later,
      owner: "server-b",
      targets: target,
      handlers: [lockingStep(undefined, () => undefined)],
    });
    const { id } = await a.api.submit({ kind: "noop", environment: "qa", services: [], params: { steps: 1 } }, "alice");
    const pausedA = a.worker.drain();
    await inStep;
    await b.worker.drain();
    assert.equal(
      (await b.api.get(id)).status,
      "succeeded",
      "server-b took the run over, took the lock and released it",
    );
    resume();
    await pausedA;
    assert.deepEqual(
      await db.kysely.selectFrom("locks").selectAll().execute(),
      [],
      "server-a took no lock for the finished run",
    );
    const next = await b.api.submit({ kind: "noop", environment: "qa", services: [], params: { steps: 1 } }, "alice");
    await b.worker.drain();
    assert.equal((await b.api.get(next.id)).status, "succeeded", "and the next run takes the lock");
  });

  it('refuses an effect when the database\'s "held" reaches a server only after its lease ran out', async () => {
    const db = await t.open(await t.createDatabase());
    await migrate(db);
    const manual = new ManualClock(START);
    // The server is paused while its fence's query is in flight: the database answers "held", and
    // the answer is read a minute later. From the second reading of the clock on, it is that late.
    let armed = false;
    let readings = 0;
    const clock: Clock = {
      now: () => manual.now() + (armed && ++readings > 1 ? 60_000 : 0),
      sleep: (ms, signal) => manual.sleep(ms, signal),
    };
    const target = new CountingTarget(join(dir, `late-${t.dialect}.jsonl`));
    let fenced = 0;
    const engine = createEngine({
      db,
      platform: testPlatform(),
      clock,
      owner: "server-a",
      targets: singleTarget(target),
      handlers: [trafficStep(undefined, () => (armed = true))],
      observer: { effectFenced: () => fenced++ },
    });
    const { id } = await engine.api.submit(
      { kind: "noop", environment: "qa", services: [], params: { steps: 1 } },
      "alice",
    );
    await engine.worker.drain();
    assert.equal(fenced, 1, "the fence stopped the effect the late answer would have let through");
    await engine.worker.drain();
    // The lease ran out, so the run was claimed again (here by the same server, with a new token),
    // and that claim applied the effect: once.
    assert.equal(target.calls().length, 1);
    const run = await engine.api.get(id);
    assert.equal(run.status, "succeeded");
    assert.equal(run.stages[0]?.steps[0]?.attempts, 2);
  });
});
