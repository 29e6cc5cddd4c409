import assert from "node:assert/strict";
import { it } from "node:test";
import { LATENCY_BUCKETS_MS } from "../../src/local/router/metrics.js";
import type { RevisionTraffic } from "../../src/local/contract.js";
import type { RunView } from "../../src/engine/types.js";
import { listRevisions } from "../../src/store/revisions/read.js";
import { forEachDatabase } from "../support/databases.js";
import { FakeTarget, fakeTargets } from "../support/fake-target.js";
import type { TestDatabase } from "../support/databases.js";
import { harness, testPlatform } from "./support.js";
import type { Harness } from "./support.js";

const PLATFORM = `version: 1
name: progressive
stacks:
  node: { port: 3000, healthPath: /health }
services:
  api: { stack: node }
  web: { stack: node, strategy: { type: blue-green, previewAnalysis: 10s, postSwitchAnalysis: 5s, standby: 1m, mirror: 50 } }
  plain: { stack: node, strategy: { type: rolling } }
environments:
  prod:
    tier: prod
    replicas: { min: 4, max: 4 }
    minReady: 1s
    strategy: { type: canary, steps: [{ weight: 25, bake: 10s }, { weight: 50, bake: 10s }, { weight: 100 }] }
analysis:
  thresholds:
    errorRate: { warning: "0.5%", critical: "1%" }
    latencyP99: { warning: 200ms, critical: 500ms }
  judgement: { minSampleRequests: 50, confidence: 0.99, inconclusive: pause }
`;

const TICK_MS = 250;

/** Cumulative counters with every request in the 25 ms bucket. */
function counters(revision: number, requests: number, errors: number): RevisionTraffic {
  const le = [...LATENCY_BUCKETS_MS];
  return {
    revision,
    requests,
    errors,
    latency: { le, counts: le.map((b) => (b >= 25 ? requests : 0)), sumMs: requests * 20 },
  };
}

/**
 * A target whose revisions serve `perTick` requests each tick, split by the weights (plus a
 * preview's mirrored share), each revision failing at its tag's rate: `-bad` 30%, else none.
 */
class Traffic {
  readonly totals = new Map<number, { requests: number; errors: number }>();
  constructor(
    readonly target: FakeTarget,
    readonly service: string,
    readonly perTick: number,
  ) {}

  async tick(): Promise<void> {
    const status = await this.target.status({ name: "prod" } as never, { name: this.service } as never);
    const shares: [number, number][] = Object.entries(status.weights).map(([r, w]) => [
      Number(r),
      (this.perTick * w) / 100,
    ]);
    if (status.preview) shares.push([status.preview.revision, (this.perTick * status.preview.mirrorPercent) / 100]);
    for (const [revision, n] of shares) {
      const tag = status.revisions.find((r) => r.revision === revision)?.tag ?? "";
      const total = this.totals.get(revision) ?? { requests: 0, errors: 0 };
      total.requests += n;
      total.errors += tag.includes("-bad") ? n * 0.3 : 0;
      this.totals.set(revision, total);
      this.target.setTraffic(
        "prod",
        this.service,
        counters(revision, Math.round(total.requests), Math.round(total.errors)),
      );
    }
  }
}

async function until(
  h: Harness,
  traffic: Traffic | undefined,
  id: string,
  done: (run: RunView) => boolean,
  maxTicks = 400,
): Promise<RunView> {
  await h.engine.worker.drain();
  for (let i = 0; i < maxTicks; i++) {
    const run = await h.engine.api.get(id);
    if (done(run)) return run;
    await traffic?.tick();
    h.clock.advance(TICK_MS);
    await h.engine.worker.drain();
  }
  throw new Error(
    `run ${id} did not get there in ${maxTicks} ticks: ${JSON.stringify((await h.engine.api.get(id)).waitReason)}`,
  );
}

/** One field of an aborted rollout's failure details. */
const detail = (run: RunView, key: string): unknown => {
  const details = run.error?.details;
  return details !== null && typeof details === "object" && !Array.isArray(details) ? details[key] : undefined;
};
/** What decided an aborted rollout, from the failure's details. */
const abortedBy = (run: RunView): unknown => detail(run, "abortedBy");
const ended = (run: RunView): boolean => ["succeeded", "failed", "cancelled"].includes(run.status);
const stepOutput = (run: RunView, key: string): Record<string, unknown> =>
  (run.stages.flatMap((s) => s.steps).find((s) => s.key === key)?.output ?? {}) as Record<string, unknown>;

async function setup(t: TestDatabase, service: string): Promise<{ h: Harness; target: FakeTarget }> {
  const target = new FakeTarget();
  const h = await harness(t, { targets: fakeTargets({}, target), platform: testPlatform(PLATFORM) });
  // Revision 1 serves everything: recorded by a first deploy (no stable revision yet: rolled out).
  const first = await h.engine.api.submit(
    { kind: "deploy", environment: "prod", services: [service], params: { tag: "v1" } },
    "alice",
  );
  const run = await until(h, undefined, first.id, ended);
  assert.equal(run.status, "succeeded", JSON.stringify(run.error));
  return { h, target };
}

forEachDatabase("canary and blue-green rollouts", (t) => {
  it("takes a healthy canary through its steps, each held for its whole bake, to 100%", async () => {
    const { h, target } = await setup(t, "api");
    const traffic = new Traffic(target, "api", 40);
    const run = await h.engine.api.submit(
      { kind: "deploy", environment: "prod", services: ["api"], params: { tag: "v2" } },
      "alice",
    );
    const baking = await until(
      h,
      traffic,
      run.id,
      (r) => r.waitReason?.kind === "analysis" && r.waitReason.phase === "baking",
    );
    const started = h.clock.now();
    assert.deepEqual((await target.status({ name: "prod" } as never, { name: "api" } as never)).weights, {
      1: 75,
      2: 25,
    });
    assert.equal((await target.status({ name: "prod" } as never, { name: "api" } as never)).guard?.canary, 2);
    assert.match(baking.waitReason?.message ?? "", /canary api revision 2 at 25% \(step 1 of 3\)/);
    const second = await until(
      h,
      traffic,
      run.id,
      (r) => r.waitReason?.kind === "analysis" && r.waitReason.weight === 50,
    );
    assert.ok(h.clock.now() - started >= 10_000, "the first step is held for its bake");
    assert.equal(second.status, "waiting");
    const done = await until(h, traffic, run.id, ended);
    assert.equal(done.status, "succeeded", JSON.stringify(done.error));
    const output = stepOutput(done, "rollout/api");
    assert.deepEqual(
      (output.timeline as { weight: number }[]).map((x) => x.weight),
      [25, 50, 100],
    );
    const status = await target.status({ name: "prod" } as never, { name: "api" } as never);
    assert.deepEqual(status.weights, { 2: 100 });
    assert.deepEqual(
      status.revisions.map((r) => [r.revision, r.desired]),
      [[2, 4]],
    );
    assert.equal(status.guard, null);
    const history = await listRevisions(h.db.kysely, "prod", "api");
    assert.deepEqual(
      history.map((r) => [r.number, r.status]),
      [
        [2, "active"],
        [1, "superseded"],
      ],
    );
  });

  it("aborts a canary failing 30% of its requests before its first bake ends, all traffic back on stable", async () => {
    const { h, target } = await setup(t, "api");
    const traffic = new Traffic(target, "api", 40);
    const activated = (await listRevisions(h.db.kysely, "prod", "api")).find((r) => r.number === 1)?.activated_at;
    assert.ok(typeof activated === "number");
    const run = await h.engine.api.submit(
      { kind: "deploy", environment: "prod", services: ["api"], params: { tag: "v2-bad" } },
      "alice",
    );
    await until(h, traffic, run.id, (r) => r.waitReason?.kind === "analysis" && r.waitReason.phase === "baking");
    const started = h.clock.now();
    const done = await until(h, traffic, run.id, ended);
    assert.equal(done.status, "failed");
    assert.ok(h.clock.now() - started < 10_000, `aborted after ${h.clock.now() - started} ms`);
    assert.match(
      done.error?.message ?? "",
      /canary of api revision 2 \(v2-bad\) in prod aborted: analysis: error rate above the critical 1% .*; all traffic back on revision 1/,
    );
    const details = done.error?.details as { rolledBackTo: number; timeline: { at: number; weight: number }[] };
    assert.equal(details.rolledBackTo, 1);
    assert.deepEqual(
      details.timeline.map((x) => x.weight),
      [25, 0],
      "the timeline ends at 0 when the canary is aborted",
    );
    const status = await target.status({ name: "prod" } as never, { name: "api" } as never);
    assert.deepEqual(status.weights, { 1: 100 });
    assert.deepEqual(
      status.revisions.map((r) => r.revision),
      [1],
    );
    const history = await listRevisions(h.db.kysely, "prod", "api");
    assert.deepEqual(
      history.map((r) => [r.number, r.status]),
      [
        [2, "failed"],
        [1, "active"],
      ],
    );
    assert.equal(
      history.find((r) => r.number === 1)?.activated_at,
      activated,
      "the stable revision keeps the time it was activated",
    );
  });

  it("aborts at once when the router's guard has already put the traffic back", async () => {
    const { h, target } = await setup(t, "api");
    const run = await h.engine.api.submit(
      { kind: "deploy", environment: "prod", services: ["api"], params: { tag: "v2" } },
      "alice",
    );
    const traffic = new Traffic(target, "api", 40);
    await until(h, traffic, run.id, (r) => r.waitReason?.kind === "analysis" && r.waitReason.phase === "baking");
    // What the router does on its own: traffic to stable, a verdict in the status.
    await target.setWeights({ name: "prod" } as never, { name: "api" } as never, { 1: 100 });
    const guarded = (await target.status({ name: "prod" } as never, { name: "api" } as never)).guard!;
    // The router decided between two polls: the abort is dated by its verdict, not by the poll that read it.
    const verdictAt = h.clock.now() - 700;
    guarded.verdict = { decision: "abort", reasons: ["error rate above the critical 1%"], at: verdictAt };
    target.setGuardState("prod", "api", guarded);
    const done = await until(h, undefined, run.id, ended, 4);
    assert.equal(done.status, "failed");
    assert.match(done.error?.message ?? "", /analysis by the router's guard: error rate above the critical 1%/);
    assert.equal(abortedBy(done), "analysis");
    assert.equal(detail(done, "decidedAt"), verdictAt);
  });

  it("pauses for a person when a bake ends without enough evidence; promote-step goes on, and abort rolls back", async () => {
    const { h, target } = await setup(t, "api");
    const run = await h.engine.api.submit(
      { kind: "deploy", environment: "prod", services: ["api"], params: { tag: "v2" } },
      "alice",
    );
    const paused = await until(h, undefined, run.id, (r) => r.waitReason?.kind === "analysis" && r.waitReason.paused);
    assert.match(
      paused.waitReason?.kind === "analysis" ? paused.waitReason.reasons.join(" ") : "",
      /inconclusive \(pause\): the canary served 0 of the 50 requests needed/,
    );
    const explained = await h.engine.api.explain(run.id);
    assert.match(
      explained.summary,
      /paused for a person: `quikship promote-step .*` goes on, `quikship abort .*` sends all traffic back to revision 1/,
    );
    await h.engine.api.command(run.id, "promote-step", "bob", "checked by hand");
    const next = await until(
      h,
      undefined,
      run.id,
      (r) => r.waitReason?.kind === "analysis" && r.waitReason.weight === 50,
    );
    assert.equal(next.waitReason?.kind === "analysis" && next.waitReason.paused, false);
    await h.engine.api.command(run.id, "abort", "bob", "wrong build");
    const done = await until(h, undefined, run.id, ended, 4);
    assert.equal(done.status, "failed");
    assert.match(done.error?.message ?? "", /aborted: aborted by bob: wrong build; all traffic back on revision 1/);
    assert.equal(abortedBy(done), "person");
    assert.equal(detail(done, "decidedAt"), done.finishedAt, "a person's abort is decided at the poll that reads it");
    assert.deepEqual((await target.status({ name: "prod" } as never, { name: "api" } as never)).weights, { 1: 100 });
    await assert.rejects(
      h.engine.api.command(run.id, "promote-step", "bob"),
      /not in a canary step or a blue-green analysis/,
    );
    await assert.rejects(h.engine.api.command(run.id, "abort", "bob"), /no rollout under way to abort/);
  });

  it("blue-green: preview with mirrored reads, the switch all at once, standby kept and then stopped", async () => {
    const { h, target } = await setup(t, "web");
    const traffic = new Traffic(target, "web", 40);
    const run = await h.engine.api.submit(
      { kind: "deploy", environment: "prod", services: ["web"], params: { tag: "v2" } },
      "alice",
    );
    await until(h, traffic, run.id, (r) => r.waitReason?.kind === "analysis" && r.waitReason.phase === "preview");
    let status = await target.status({ name: "prod" } as never, { name: "web" } as never);
    assert.deepEqual(status.preview, { revision: 2, mirrorPercent: 50 });
    assert.deepEqual(status.weights, { 1: 100 });
    assert.deepEqual(
      status.revisions.map((r) => [r.revision, r.desired]),
      [
        [1, 4],
        [2, 4],
      ],
    );
    await until(h, traffic, run.id, (r) => r.waitReason?.kind === "analysis" && r.waitReason.phase === "switched");
    status = await target.status({ name: "prod" } as never, { name: "web" } as never);
    assert.deepEqual(status.weights, { 2: 100 });
    assert.equal(status.preview, null);
    const done = await until(h, traffic, run.id, ended);
    assert.equal(done.status, "succeeded", JSON.stringify(done.error));
    const history = await listRevisions(h.db.kysely, "prod", "web");
    assert.deepEqual(
      history.map((r) => [r.number, r.status]),
      [
        [2, "active"],
        [1, "standby"],
      ],
    );
    // Still running as standby; stopped once its minute is up, by a run quikship starts.
    await h.engine.timers();
    assert.equal((await h.engine.api.list({ kind: "expire-standby" })).length, 0);
    h.clock.advance(60_000);
    await h.engine.timers();
    const [expiry] = await h.engine.api.list({ kind: "expire-standby" });
    assert.equal(expiry?.actor, "quikship");
    await h.engine.worker.drain();
    const expired = await h.engine.api.get(expiry.id);
    assert.equal(expired.status, "succeeded", JSON.stringify(expired.error));
    assert.deepEqual(expired.stages[0]?.steps.at(-1)?.output, {
      revision: 1,
      removed: true,
      reason: "stopped: its standby time is up",
    });
    status = await target.status({ name: "prod" } as never, { name: "web" } as never);
    assert.deepEqual(
      status.revisions.map((r) => r.revision),
      [2],
    );
  });

  it("blue-green: a rollback right after the switch is an instant switch back to the standby", async () => {
    const { h, target } = await setup(t, "web");
    const traffic = new Traffic(target, "web", 40);
    const run = await h.engine.api.submit(
      { kind: "deploy", environment: "prod", services: ["web"], params: { tag: "v2" } },
      "alice",
    );
    assert.equal((await until(h, traffic, run.id, ended)).status, "succeeded");
    const rollback = await h.engine.api.submit(
      { kind: "rollback", environment: "prod", services: ["web"], params: {} },
      "alice",
    );
    await h.engine.worker.drain();
    const done = await h.engine.api.get(rollback.id);
    assert.equal(done.status, "succeeded", "a switch back needs no poll");
    assert.deepEqual((await target.status({ name: "prod" } as never, { name: "web" } as never)).weights, { 1: 100 });
  });

  it("blue-green: failing post-switch analysis switches back to the previous revision", async () => {
    const { h, target } = await setup(t, "web");
    const traffic = new Traffic(target, "web", 40);
    const run = await h.engine.api.submit(
      { kind: "deploy", environment: "prod", services: ["web"], params: { tag: "v2" } },
      "alice",
    );
    await until(h, traffic, run.id, (r) => r.waitReason?.kind === "analysis" && r.waitReason.phase === "switched");
    // The new revision starts failing after the switch.
    target.run("prod", "web", { revision: 2, tag: "v2-bad", desired: 4, ready: 4 }, 100);
    const done = await until(h, traffic, run.id, ended);
    assert.equal(done.status, "failed");
    assert.match(
      done.error?.message ?? "",
      /blue-green switch of web revision 2 .* aborted: analysis: error rate above the critical 1%.*; all traffic back on revision 1/,
    );
    assert.deepEqual((await target.status({ name: "prod" } as never, { name: "web" } as never)).weights, { 1: 100 });
    const history = await listRevisions(h.db.kysely, "prod", "web");
    assert.deepEqual(
      history.map((r) => [r.number, r.status]),
      [
        [2, "failed"],
        [1, "active"],
      ],
    );
  });

  it("a service's strategy overrides its environment's; --canary makes a rolling service a canary", async () => {
    const { h, target } = await setup(t, "plain");
    const rolled = await h.engine.api.submit(
      { kind: "deploy", environment: "prod", services: ["plain"], params: { tag: "v2" } },
      "alice",
    );
    const done = await until(h, undefined, rolled.id, ended);
    assert.equal(done.status, "succeeded");
    assert.equal(stepOutput(done, "rollout/plain").strategy, undefined, "rolled, not a canary");
    const canary = await h.engine.api.submit(
      { kind: "deploy", environment: "prod", services: ["plain"], params: { tag: "v3", canary: true } },
      "alice",
    );
    const waiting = await until(
      h,
      new Traffic(target, "plain", 40),
      canary.id,
      (r) => r.waitReason?.kind === "analysis" && r.waitReason.phase === "baking",
    );
    // The environment's own canary plan: 25% first.
    assert.equal(waiting.waitReason?.kind === "analysis" && waiting.waitReason.weight, 25);
  });
});
