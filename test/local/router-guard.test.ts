import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import type { CanaryGuard, GuardState } from "../../src/local/contract.js";
import type { Router } from "../../src/local/router/index.js";
import { createRouter } from "../../src/local/router/index.js";
import type { DemoInstance } from "./demo-support.js";
import { request, startDemo } from "./demo-support.js";

const SERVICE = "auth-service";
const agent = new http.Agent({ keepAlive: true });
const cleanups: (() => Promise<unknown>)[] = [];
let stable: DemoInstance, healthy: DemoInstance, bad: DemoInstance, slow: DemoInstance;

before(async () => {
  [stable, healthy, bad, slow] = await Promise.all([
    startDemo({ version: "v1.0.0" }),
    startDemo({ version: "v1.1.0" }),
    startDemo({ version: "v1.1.0-bad" }),
    startDemo({ version: "v1.1.0-slow" }),
  ]);
  cleanups.push(
    () => stable.stop(),
    () => healthy.stop(),
    () => bad.stop(),
    () => slow.stop(),
  );
});

after(async () => {
  agent.destroy();
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

const GUARD: CanaryGuard = {
  canary: 2,
  stable: 1,
  thresholds: { errorRatePercent: { warning: 1, critical: 5 }, latencyP99Ms: { warning: 500, critical: 1000 } },
  judgement: { minSampleRequests: 50, confidence: 0.95, inconclusive: "pause" },
};

async function router(aborts: [string, GuardState][] = []): Promise<Router> {
  const created = await createRouter({
    environment: "dev",
    onGuardAbort: (service, state) => aborts.push([service, state]),
  });
  cleanups.push(() => created.close());
  return created;
}

/** Stable revision 1 at 90%, canary revision 2 on `canary` at 10%. */
function canaryAt10(r: Router, canary: DemoInstance): void {
  r.setRoutes(SERVICE, [
    { revision: 1, weight: 90, targets: [{ id: "stable", url: stable.url }] },
    { revision: 2, weight: 10, targets: [{ id: "canary", url: canary.url }] },
  ]);
}

/** Sends `n` requests, `concurrency` at a time, and counts the answering revisions in order of completion (statuses in `statuses`). */
async function traffic(
  r: Router,
  n: number,
  concurrency = 4,
  stopWhen?: () => boolean,
  statuses: number[] = [],
  method = "GET",
): Promise<string[]> {
  const revisions: string[] = [];
  let sent = 0;
  const worker = async (): Promise<void> => {
    while (sent < n && !stopWhen?.()) {
      sent++;
      const answer = await request(`${r.url}/${SERVICE}/`, {
        agent,
        method,
        ...(method === "POST" ? { body: "{}" } : {}),
      });
      statuses.push(answer.status);
      revisions.push(String(answer.headers["x-quikship-revision"]));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return revisions;
}

describe("the router's canary guard", () => {
  it("moves all traffic of a canary answering 30% 500s at 10% to the stable revision by itself, within a bounded number of requests", async () => {
    const aborts: [string, GuardState][] = [];
    const r = await router(aborts);
    canaryAt10(r, bad);
    r.setGuard(SERVICE, GUARD);
    assert.deepEqual(r.guardState(SERVICE)?.verdict, null);
    const statuses: number[] = [];
    const before = await traffic(r, 2_000, 4, () => r.guardState(SERVICE)?.verdict != null, statuses);
    const verdict = r.guardState(SERVICE)?.verdict;
    assert.ok(verdict, `no abort after ${before.length} requests`);
    assert.ok(before.length < 1_000, `the abort took ${before.length} requests`);
    assert.equal(verdict.decision, "abort");
    assert.match(verdict.reasons.join("; "), /error rate above the critical 5%/);
    assert.ok(Math.abs(verdict.at - Date.now()) < 60_000);
    assert.deepEqual(
      aborts.map(([service, state]) => [service, state.canary, state.stable, state.verdict?.decision]),
      [[SERVICE, 2, 1, "abort"]],
    );

    // Requests on their way when it aborted were answered; none sent after reached the canary.
    const after = await traffic(r, 200);
    assert.deepEqual(new Set(after), new Set(["1"]));
    // The canary's failed reads were answered by the stable revision: counted for the canary, never seen by a client.
    const canary = r.traffic(SERVICE).find((t) => t.revision === 2)!;
    assert.ok(canary.errors > 0);
    assert.equal(canary.requests, before.filter((x) => x === "2").length + canary.errors);
    assert.deepEqual(new Set(statuses), new Set([200]));
  });

  it("answers a read the canary is slow to answer from the stable revision after the warning latency, and still judges the canary by its answers", async () => {
    const r = await router();
    canaryAt10(r, slow);
    r.setGuard(SERVICE, { ...GUARD, thresholds: { latencyP99Ms: { warning: 200, critical: 500 } } });
    const latencies: number[] = [];
    let shielded = 0;
    const worker = async (): Promise<void> => {
      while (r.guardState(SERVICE)?.verdict == null && latencies.length < 1_000) {
        const answer = await request(`${r.url}/${SERVICE}/`, { agent });
        assert.equal(answer.status, 200);
        assert.equal(answer.headers["x-quikship-revision"], "1");
        if (answer.headers["x-quikship-shielded-from"] === "2") shielded++;
        latencies.push(answer.ms);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    assert.match(r.guardState(SERVICE)?.verdict?.reasons.join("; ") ?? "none", /latency above the critical 500 ms/);
    // The canary's 600 ms answers were counted as they ended; no client waited for one.
    assert.ok(Math.max(...latencies) < 500, `slowest answer ${Math.round(Math.max(...latencies))} ms`);
    assert.ok(
      latencies.some((ms) => ms >= 200),
      "some reads waited for the hedge",
    );
    assert.ok(shielded > 0, "answers for the canary say so");
  });

  it("shields only reads: a write the canary fails is answered as it failed", async () => {
    const r = await router();
    r.setRoutes(SERVICE, [
      { revision: 1, weight: 0, targets: [{ id: "stable", url: stable.url }] },
      { revision: 2, weight: 100, targets: [{ id: "canary", url: bad.url }] },
    ]);
    r.setGuard(SERVICE, { ...GUARD, judgement: { ...GUARD.judgement, minSampleRequests: 100_000 }, thresholds: {} });
    const statuses: number[] = [];
    const writes = await traffic(r, 100, 4, undefined, statuses, "POST");
    assert.ok(statuses.includes(500), "the bad canary's 500s reach a writer");
    assert.deepEqual(new Set(writes), new Set(["2"]));
    const readStatuses: number[] = [];
    const reads = await traffic(r, 100, 4, undefined, readStatuses);
    assert.deepEqual(new Set(readStatuses), new Set([200]));
    assert.ok(reads.includes("1") && reads.includes("2"), "failed reads came from the stable revision");
  });

  it("never aborts a healthy canary over 2,000 requests", async () => {
    const aborts: [string, GuardState][] = [];
    const r = await router(aborts);
    canaryAt10(r, healthy);
    r.setGuard(SERVICE, GUARD);
    const answered = await traffic(r, 2_000, 8);
    assert.deepEqual(r.guardState(SERVICE)?.verdict, null);
    assert.deepEqual(aborts, []);
    const onCanary = answered.filter((x) => x === "2").length;
    assert.ok(onCanary > 120 && onCanary < 300, `${onCanary} of 2000 on the canary at 10%`);
  });

  it("counts from its installation, keeps its verdict over later routes, and loses it to a new guard or none", async () => {
    const r = await router();
    canaryAt10(r, bad);
    // Errors before the guard was installed are not its business.
    r.setRoutes(SERVICE, [
      { revision: 2, weight: 100, targets: [{ id: "canary", url: bad.url }] },
      { revision: 1, weight: 0, targets: [{ id: "stable", url: stable.url }] },
    ]);
    await traffic(r, 100);
    canaryAt10(r, healthy);
    r.setGuard(SERVICE, GUARD);
    await traffic(r, 300);
    assert.equal(r.guardState(SERVICE)?.verdict, null);

    canaryAt10(r, bad);
    await traffic(r, 2_000, 4, () => r.guardState(SERVICE)?.verdict != null);
    const since = r.guardState(SERVICE)?.since;
    assert.equal(r.guardState(SERVICE)?.verdict?.decision, "abort");
    canaryAt10(r, healthy);
    assert.equal(r.guardState(SERVICE)?.verdict?.decision, "abort", "new routes keep the verdict");
    assert.ok((await traffic(r, 100)).includes("2"), "and their weights apply");
    r.setGuard(SERVICE, GUARD);
    assert.deepEqual(
      [r.guardState(SERVICE)?.verdict, (r.guardState(SERVICE)?.since ?? 0) >= (since ?? Infinity)],
      [null, true],
    );
    r.setGuard(SERVICE, null);
    assert.equal(r.guardState(SERVICE), null);
  });
});
