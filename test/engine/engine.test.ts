import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { UnavailableError } from "../../src/errors.js";
import type { StepHandler } from "../../src/engine/steps/handler.js";
import { listRevisions } from "../../src/store/revisions/read.js";
import { claimReadyRun } from "../../src/store/runs/claim.js";
import { updateStep } from "../../src/store/runs/update.js";
import { CountingTarget } from "../../src/targets/counting.js";
import { singleTarget } from "../../src/targets/registry.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { harness, PLATFORM, settle, testPlatform } from "./support.js";

after(removeTrees);

/** A step that fails with a retryable error `failures` times, then succeeds; counts its calls. */
function flaky(failures: number): StepHandler & { calls: number } {
  const handler = {
    kind: "noop",
    calls: 0,
    run() {
      handler.calls++;
      if (handler.calls <= failures) return Promise.reject(new UnavailableError(`flake ${handler.calls}`));
      return Promise.resolve({ outcome: "done" as const });
    },
  };
  return handler;
}

forEachDatabase("the run engine", (t) => {
  it("runs a plan of steps to success, each step once, with its events in order", async () => {
    const { engine } = await harness(t);
    const queued = await engine.api.submit(
      { kind: "noop", environment: "dev", services: ["api"], params: { steps: 3 } },
      "alice",
    );
    assert.equal(queued.status, "queued");
    assert.deepEqual(
      queued.stages[0]?.steps.map((s) => s.status),
      ["pending", "pending", "pending", "pending"],
    );
    await engine.worker.drain();
    const run = await engine.api.get(queued.id);
    assert.equal(run.status, "succeeded");
    assert.deepEqual(
      run.stages[0]?.steps.map((s) => [s.key, s.status, s.attempts]),
      [
        ["lock/api", "succeeded", 1],
        ["noop/1", "succeeded", 1],
        ["noop/2", "succeeded", 1],
        ["noop/3", "succeeded", 1],
      ],
    );
    const events = await engine.api.events(run.id, 0);
    assert.deepEqual(
      events.filter((e) => e.type === "run").map((e) => (e.data as { status: string }).status),
      ["queued", "succeeded"],
    );
    assert.ok(events.every((e, i) => i === 0 || e.id > events[i - 1]!.id));
  });

  it("parks a timer as a persisted wake-up and resumes only when the clock reaches it", async () => {
    const { engine, clock } = await harness(t);
    const { id } = await engine.api.submit(
      { kind: "noop", environment: "qa", services: [], params: { waitMs: 900_000 } },
      "alice",
    );
    await engine.worker.drain();
    let run = await engine.api.get(id);
    assert.equal(run.status, "waiting");
    assert.deepEqual([run.waitReason?.kind, run.wakeAt], ["timer", clock.now() + 900_000]);
    clock.advance(899_999);
    await engine.worker.drain();
    assert.equal((await engine.api.get(id)).status, "waiting");
    clock.advance(1);
    await engine.worker.drain();
    run = await engine.api.get(id);
    assert.equal(run.status, "succeeded");
    assert.equal(run.stages[0]?.steps[0]?.attempts, 1, "a step that waits and then finishes is one attempt");
  });

  it("resumes a run whose server died from its last persisted step, once its lease expires", async () => {
    const calls: string[] = [];
    const recorder: StepHandler = {
      kind: "noop",
      run: (ctx) => (calls.push(ctx.stepKey), Promise.resolve({ outcome: "done" })),
    };
    const { engine, clock, db } = await harness(t, { handlers: [recorder], owner: "live-server" });
    const { id } = await engine.api.submit(
      { kind: "noop", environment: "qa", services: [], params: { steps: 3 } },
      "alice",
    );
    // Another server claimed the run, persisted its first step, and died.
    const claimed = await claimReadyRun(db.kysely, db.dialect, {
      owner: "dead-server",
      now: clock.now(),
      leaseMs: 30_000,
    });
    assert.equal(claimed?.id, id);
    await updateStep(db.kysely, id, "noop/1", { status: "succeeded", attempts: 1, finished_at: clock.now() });
    await engine.worker.drain();
    assert.deepEqual(calls, [], "the lease still holds");
    clock.advance(30_000);
    await engine.worker.drain();
    assert.deepEqual(calls, ["noop/2", "noop/3"]);
    assert.equal((await engine.api.get(id)).status, "succeeded");
  });

  it("retries a retryable failure with backoff on persisted timers, then succeeds", async () => {
    const step = flaky(2);
    const { engine, clock } = await harness(t, { handlers: [step] });
    const { id } = await engine.api.submit(
      { kind: "noop", environment: "qa", services: [], params: { steps: 1 } },
      "alice",
    );
    await engine.worker.drain();
    let run = await engine.api.get(id);
    assert.equal(run.status, "waiting");
    assert.equal(run.waitReason?.kind, "timer");
    assert.match(run.waitReason?.message ?? "", /retrying noop\/1 \(failure 1 of at most 5\): flake 1/);
    assert.equal(run.wakeAt, clock.now() + 1000);
    await engine.worker.drain();
    assert.equal(step.calls, 1, "not retried before its time");
    clock.advance(1000);
    await engine.worker.drain();
    run = await engine.api.get(id);
    assert.equal(run.wakeAt, clock.now() + 2000, "the second delay doubles");
    clock.advance(2000);
    await engine.worker.drain();
    run = await engine.api.get(id);
    assert.equal(run.status, "succeeded");
    assert.equal(step.calls, 3);
    assert.equal(run.stages[0]?.steps[0]?.attempts, 3);
  });

  it("fails the run at a non-retryable failure, keeping the cause and skipping later steps", async () => {
    const { engine } = await harness(t);
    const { id } = await engine.api.submit(
      { kind: "script", environment: "qa", services: [], params: { test: "fails" } },
      "alice",
    );
    await engine.worker.drain();
    const run = await engine.api.get(id);
    assert.equal(run.status, "failed");
    assert.equal(run.error?.step, "test/fails");
    assert.match(run.error?.message ?? "", /^fails \(smoke test\) failed in qa: exited with 3$/);
    assert.deepEqual((run.error?.details as { tail: string[] }).tail, ["broken"]);
  });

  it("runs a script step from the platform file with its output in the run log and secrets masked", async () => {
    process.env.QUIKSHIP_TEST_API_TOKEN = "s3cr3t-value";
    const { engine } = await harness(t);
    const { id } = await engine.api.submit(
      { kind: "script", environment: "dev", services: [], params: { test: "hello" } },
      "alice",
    );
    await engine.worker.drain();
    assert.equal((await engine.api.get(id)).status, "succeeded");
    const lines = (await engine.api.events(id, 0))
      .filter((e) => e.type === "log")
      .map((e) => (e.data as { line: string }).line);
    assert.deepEqual(lines, ["hello from dev", "token=********", "test hello passed"]);
    assert.ok(!JSON.stringify(await engine.api.events(id, 0)).includes("s3cr3t-value"));
  });

  it("serializes two deploys of one service in one environment through its lock", async () => {
    const target = new CountingTarget(join(mkdtempSync(join(tmpdir(), "quikship-count-")), "effects.log"));
    const h = await harness(t, { targets: singleTarget(target) });
    const { engine } = h;
    const first = await engine.api.submit(
      { kind: "deploy", environment: "qa", services: ["api"], params: { tag: "v1" } },
      "alice",
    );
    const second = await engine.api.submit(
      { kind: "deploy", environment: "qa", services: ["api"], params: { tag: "v2" } },
      "bob",
    );
    await engine.worker.drain();
    assert.equal((await engine.api.get(second.id)).waitReason?.kind, "lock");
    await settle(h);
    const [a, b] = [await engine.api.get(first.id), await engine.api.get(second.id)];
    assert.equal(a.status, "succeeded");
    assert.equal(b.status, "succeeded");
    const started = target.effects().filter((e) => e.replicas > 0 && e.key.endsWith("/1"));
    assert.deepEqual(
      started.map((e) => [e.tag, e.revision]),
      [
        ["v1", 1],
        ["v2", 2],
      ],
    );
  });

  it("waits between a rolling rollout's looks as long as its target asks, 250 ms by default", async () => {
    const file = (name: string) => join(mkdtempSync(join(tmpdir(), "quikship-count-")), name);
    for (const [target, waitMs] of [
      [new CountingTarget(file("default.log")), 250],
      [new CountingTarget(file("quick.log"), 0, 25), 25],
    ] as const) {
      const { engine, clock } = await harness(t, { targets: singleTarget(target) });
      const { id } = await engine.api.submit(
        { kind: "deploy", environment: "qa", services: ["api"], params: { tag: "v1" } },
        "alice",
      );
      await engine.worker.drain();
      const run = await engine.api.get(id);
      assert.deepEqual([run.waitReason?.kind, run.wakeAt], ["timer", clock.now() + waitMs]);
      clock.advance(waitMs - 1);
      assert.equal(await engine.worker.drain(), 0, "not looked at again before its time");
      clock.advance(1);
      assert.equal(await engine.worker.drain(), 1);
    }
  });

  it("makes a newer run supersede older queued ones where the environment runs the latest", async () => {
    const { engine } = await harness(t);
    const older = await engine.api.submit({ kind: "noop", environment: "dev", services: ["web"], params: {} }, "alice");
    const newest = await engine.api.submit({ kind: "noop", environment: "dev", services: ["web"], params: {} }, "bob");
    const run = await engine.api.get(older.id);
    assert.equal(run.status, "cancelled");
    assert.equal(run.supersededBy, newest.id);
    assert.match(run.error?.message ?? "", /superseded by run .* \(lock: runLatest\)/);
    await engine.worker.drain();
    assert.equal((await engine.api.get(newest.id)).status, "succeeded");
  });

  it("cancels a waiting run and refuses to cancel a finished one", async () => {
    const { engine } = await harness(t, { handlers: [flaky(1)] });
    const { id } = await engine.api.submit({ kind: "noop", environment: "qa", services: ["api"], params: {} }, "alice");
    await engine.worker.drain();
    assert.equal((await engine.api.get(id)).status, "waiting");
    const cancelled = await engine.api.cancel(id, "bob", "wrong tag");
    assert.equal(cancelled.status, "cancelled");
    assert.equal(cancelled.error?.message, "cancelled by bob: wrong tag");
    await assert.rejects(engine.api.cancel(id, "bob"), /already cancelled/);
  });

  it("rejects an unknown environment or service before anything is stored", async () => {
    const { engine } = await harness(t);
    await assert.rejects(
      engine.api.submit({ kind: "deploy", environment: "qaa", services: ["api"], params: { tag: "v1" } }, "alice"),
      /unknown environment "qaa" \(did you mean "qa"/,
    );
    await assert.rejects(
      engine.api.submit({ kind: "deploy", environment: "qa", services: ["apii"], params: { tag: "v1" } }, "alice"),
      /unknown service "apii" \(did you mean "api"/,
    );
    await assert.rejects(
      engine.api.submit({ kind: "deploy", environment: "qa", services: ["api"], params: { tag: "bad tag!" } }, "alice"),
      /params\.tag must be an image tag/,
    );
    await assert.rejects(
      engine.api.submit(
        // A client outside TypeScript may send anything: the request schema refuses it.
        {
          kind: "deploy",
          environment: "qa",
          services: ["api"],
          params: { tag: "v1", canary: "yes" as unknown as boolean },
        },
        "alice",
      ),
      /params\.canary/,
    );
    assert.deepEqual(await engine.api.list({}), []);
  });

  it("keeps a service's newest revisions up to the environment's history limit", async () => {
    const target = new CountingTarget(join(mkdtempSync(join(tmpdir(), "quikship-count-")), "effects.log"));
    const h = await harness(t, {
      targets: singleTarget(target),
      platform: testPlatform(
        PLATFORM.replace("qa: { tier: nonprod, from: dev,", "qa: { tier: nonprod, from: dev, historyLimit: 3,"),
      ),
    });
    for (const tag of ["v1", "v2", "v3", "v4", "v5"]) {
      await h.engine.api.submit({ kind: "deploy", environment: "qa", services: ["api"], params: { tag } }, "alice");
      await settle(h, 250, 6);
    }
    const history = await listRevisions(h.db.kysely, "qa", "api");
    assert.deepEqual(
      history.map((r) => [r.number, r.tag, r.status]),
      [
        [5, "v5", "active"],
        [4, "v4", "superseded"],
        [3, "v3", "superseded"],
      ],
    );
  });

  it("reports to its observer how long a run waited at a gate, and each finished step and run", async () => {
    const waits: { kind: string; durationMs: number }[] = [];
    const finished: string[] = [];
    const target = new CountingTarget(join(mkdtempSync(join(tmpdir(), "quikship-count-")), "effects.log"));
    const h = await harness(t, {
      targets: singleTarget(target),
      observer: {
        gateWaitEnded: (w) => waits.push({ kind: w.kind, durationMs: w.durationMs }),
        runFinished: (r) => finished.push(`${r.kind}:${r.status}`),
      },
    });
    await h.engine.api.submit({ kind: "deploy", environment: "qa", services: ["api"], params: { tag: "v1" } }, "alice");
    await h.engine.api.submit({ kind: "deploy", environment: "qa", services: ["api"], params: { tag: "v2" } }, "bob");
    await settle(h, 250, 12);
    assert.deepEqual(finished, ["deploy:succeeded", "deploy:succeeded"]);
    assert.ok(
      waits.some((w) => w.kind === "lock" && w.durationMs > 0),
      JSON.stringify(waits),
    );
    assert.ok(
      waits.every((w) => w.kind !== "timer"),
      "a timer is no gate",
    );
  });
});
