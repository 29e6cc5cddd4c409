import assert from "node:assert/strict";
import { after, afterEach, beforeEach, it } from "node:test";
import type { TrafficView } from "../../src/api/routes/traffic.js";
import type { RunView } from "../../src/engine/types.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { startEngineApp } from "./engine-app.js";
import type { EngineApp } from "./engine-app.js";
import { errorOf } from "./support.js";

after(removeTrees);

/** api rolls out as a canary: 25% then 50%, each baking an hour, so only promote-step moves it on here. */
const YAML = `version: 1
name: phases
stacks: { node: { port: 3000 } }
services:
  api: { stack: node, strategy: { type: canary, steps: [{ weight: 25, bake: 1h }, { weight: 50, bake: 1h }, { weight: 100 }] } }
  web: { stack: node }
users: { alice: {}, rob: {}, cara: {}, tim: {}, ci: {} }
environments:
  qa: { tier: nonprod }
analysis:
  thresholds:
    errorRate: { warning: "1%", critical: "5%" }
    latencyP99: { warning: 300ms, critical: 800ms }
`;

const LE = [100, 500, 1000];

forEachDatabase("a canary's traffic since its current phase began, through the API", (t) => {
  let s: EngineApp;
  beforeEach(async () => {
    s = await startEngineApp(t, YAML);
  });
  afterEach(() => s.close());

  /** Cumulative counters of api in qa, as the counting target reports them from now on. */
  const counters = (revision: number, requests: number, errors: number, counts: number[]) =>
    s.target.writeTraffic({
      environment: "qa",
      service: "api",
      revision,
      requests,
      errors,
      latency: { le: LE, counts, sumMs: 0 },
    });
  const deploy = async (tag: string): Promise<RunView> => {
    const res = await s.as("alice", {
      method: "POST",
      url: "/v1/runs",
      payload: { kind: "deploy", environment: "qa", services: ["api"], params: { tag } },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<RunView>();
  };
  const traffic = async (query = ""): Promise<TrafficView> => {
    const res = await s.as("alice", { url: `/v1/traffic/qa/api${query}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<TrafficView>();
  };
  const figures = (list: TrafficView["revisions"] | undefined) =>
    list?.map((r) => [r.revision, r.requests, r.errors, r.errorRatePercent, r.p99Ms]);

  /** Revision 1 serves everything, having answered 1,000 requests (10 errors, all within 100 ms); then revision 2 bakes at 25%. */
  async function canaryBaking(): Promise<RunView> {
    const first = await deploy("v1");
    await s.settle();
    assert.equal((await s.engine.api.get(first.id)).status, "succeeded");
    counters(1, 1000, 10, [1000, 1000, 1000]);
    const run = await deploy("v2");
    await s.settle();
    const waiting = await s.engine.api.get(run.id);
    assert.equal(waiting.waitReason?.kind, "analysis", JSON.stringify(waiting.waitReason));
    return waiting;
  }

  it("answers each revision's requests, errors, error rate and p99 since the step began, beside the cumulative ones", async () => {
    const run = await canaryBaking();
    const bakingSince = s.clock.now();
    // Since the step began: the stable revision 600 more requests, 3 errors, all between 100 and 500 ms; the canary 200, 1 error, fast.
    counters(1, 1600, 13, [1000, 1600, 1600]);
    counters(2, 200, 1, [200, 200, 200]);
    await s.settle(2);

    const body = await traffic(`?run=${run.id}`);
    // Cumulative, as without ?run=: p99 of 1,600 requests, 1,000 of them under 100 ms.
    assert.deepEqual(figures(body.revisions), [
      [1, 1600, 13, (13 / 1600) * 100, 100 + (400 * (0.99 * 1600 - 1000)) / 600],
      [2, 200, 1, 0.5, 99],
    ]);
    const phase = body.phase;
    assert.ok(phase);
    assert.deepEqual(
      { ...phase, revisions: undefined, since: phase.since <= bakingSince && phase.since > bakingSince - 5_000 },
      {
        run: run.id,
        strategy: "canary",
        phase: "baking",
        pausedFrom: null,
        step: 1,
        steps: 3,
        weight: 25,
        since: true,
        source: "router",
        revisions: undefined,
      },
    );
    // The phase: the new revision first; the stable one's p99 from the buckets' differences (every new request in 100–500 ms).
    assert.deepEqual(figures(phase.revisions), [
      [2, 200, 1, 0.5, 99],
      [1, 600, 3, 0.5, 100 + 400 * 0.99],
    ]);
    assert.equal((await traffic()).phase, undefined, "without ?run= there is no phase");
  });

  it("starts counting again when the next step begins", async () => {
    const run = await canaryBaking();
    counters(1, 1600, 13, [1000, 1600, 1600]);
    counters(2, 200, 1, [200, 200, 200]);
    const promoted = await s.as("alice", { method: "POST", url: `/v1/runs/${run.id}/promote-step`, payload: {} });
    assert.equal(promoted.statusCode, 200, promoted.body);
    await s.settle(2);
    const stepTwoSince = s.clock.now();
    counters(1, 1700, 13, [1100, 1700, 1700]);
    counters(2, 300, 1, [300, 300, 300]);
    await s.settle(1);

    const phase = (await traffic(`?run=${run.id}`)).phase;
    assert.deepEqual([phase?.phase, phase?.step, phase?.weight], ["baking", 2, 50]);
    assert.ok(
      phase && phase.since <= stepTwoSince && phase.since > stepTwoSince - 2_000,
      `step 2 began at ${phase?.since}`,
    );
    assert.deepEqual(figures(phase?.revisions), [
      [2, 100, 0, 0, 99],
      [1, 100, 0, 0, 99],
    ]);
  });

  it("counts everything a restarted source reports as new, as the engine does", async () => {
    const run = await canaryBaking();
    // The router restarted: revision 1's counters went down.
    counters(1, 50, 0, [50, 50, 50]);
    const phase = (await traffic(`?run=${run.id}`)).phase;
    assert.deepEqual(figures(phase?.revisions), [
      [2, 0, 0, null, null],
      [1, 50, 0, 0, 99],
    ]);
  });

  it("answers phase null when the run does not roll the service out under analysis there, and 404 for an unknown run", async () => {
    const run = await canaryBaking();
    assert.equal(
      (await s.as("alice", { url: `/v1/traffic/qa/web?run=${run.id}` })).json<TrafficView>().phase,
      null,
      "another service",
    );
    const cancelled = await s.as("alice", { method: "POST", url: `/v1/runs/${run.id}/cancel`, payload: {} });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    await s.settle(2);
    assert.equal((await traffic(`?run=${run.id}`)).phase, null, "a finished run");

    const unknown = await s.as("alice", { url: "/v1/traffic/qa/api?run=r-nope" });
    assert.deepEqual([unknown.statusCode, errorOf(unknown).kind], [404, "not-found"]);
    const extra = await s.as("alice", { url: "/v1/traffic/qa/api?since=10" });
    assert.deepEqual([extra.statusCode, errorOf(extra).kind], [400, "input"]);
  });
});
