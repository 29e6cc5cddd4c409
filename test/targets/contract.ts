/**
 * The target contract suite: what every Target must do, written once. A target's test file calls
 * `targetContract` with a factory; each test gets a fresh target (nothing running yet) and an
 * environment and service the target can run. The Kubernetes target will run the same suite.
 */
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { Environment, Service } from "../../src/config/types.js";
import type { RevisionRequest, ServiceStatus, Target } from "../../src/targets/target.js";

export interface TargetUnderTest {
  target: Target;
  environment: Environment;
  service: Service;
  /** A secret the target can resolve: its reference, and the value that must never show. */
  secret: { reference: string; value: string };
  /** Whether the target started anything (an agent, a process, a workload) since it was made. */
  started(): boolean;
  /** Whatever the target wrote or logged, as text: a secret's value must not appear in it. */
  written(): string;
  /** Ends what the target started. */
  close(): Promise<void>;
}

/** How long a target may take until a revision it runs is ready. */
const READY_MS = 20_000;

export function targetContract(name: string, make: () => Promise<TargetUnderTest>): void {
  describe(`the target contract: ${name}`, () => {
    let t: TargetUnderTest;
    let n = 0;
    beforeEach(async () => (t = await make()));
    afterEach(() => t.close());

    const request = (revision: number, replicas = 1): RevisionRequest => ({
      environment: t.environment,
      service: t.service,
      revision,
      tag: `v1.${revision}.0`,
      replicas,
      env: { GREETING: "hello" },
      secrets: [{ name: "API_KEY", reference: t.secret.reference }],
      idempotencyKey: `contract-${++n}-${revision}-${replicas}`,
    });
    const status = (): Promise<ServiceStatus> => t.target.status(t.environment, t.service);
    const ready = async (revision: number, replicas = 1): Promise<ServiceStatus> => {
      const deadline = Date.now() + READY_MS;
      for (;;) {
        const s = await status();
        const r = s.revisions.find((x) => x.revision === revision);
        if (r && r.ready === replicas && r.desired === replicas) return s;
        if (Date.now() > deadline) assert.fail(`revision ${revision} not ready: ${JSON.stringify(s)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const run = async (revision: number): Promise<void> => {
      await t.target.ensureRevision(request(revision), AbortSignal.timeout(READY_MS));
      await ready(revision);
    };

    it("reads nothing running from a fresh target, and a read (peek, traffic) starts nothing", async () => {
      const peek = await t.target.peek(t.environment);
      assert.ok(!peek.running || peek.services.every((s) => s.revisions.length === 0), JSON.stringify(peek));
      assert.deepEqual(await t.target.traffic(t.environment, t.service), []);
      assert.deepEqual(await t.target.peek(t.environment), peek, "a second peek sees the same: nothing started");
      assert.equal(t.started(), false, "a read started something");
    });

    it("runs a revision once however often it is asked, and reports it in status and in a peek", async () => {
      const asked = request(1);
      await t.target.ensureRevision(asked, AbortSignal.timeout(READY_MS));
      await t.target.ensureRevision(asked, AbortSignal.timeout(READY_MS));
      const s = await ready(1);
      assert.deepEqual(
        s.revisions.map((r) => [r.revision, r.tag, r.desired]),
        [[1, "v1.1.0", 1]],
      );
      const peek = await t.target.peek(t.environment);
      assert.ok(peek.running);
      assert.deepEqual(
        peek.services.find((x) => x.service === t.service.name)?.revisions.map((r) => r.revision),
        [1],
      );
    });

    it("sends traffic by the weights it was given, and rolls back to the revision before", async () => {
      await run(1);
      await run(2);
      await t.target.setWeights(t.environment, t.service, { 1: 80, 2: 20 });
      assert.deepEqual((await status()).weights, { 1: 80, 2: 20 });
      await t.target.rollBack(t.environment, t.service, { from: 2, to: 1 });
      const after = await status();
      assert.deepEqual(after.weights, { 1: 100 });
      assert.deepEqual(
        after.revisions.map((r) => r.revision),
        [1],
      );
    });

    it("keeps a preview route and a canary guard until they are removed", async () => {
      await run(1);
      await run(2);
      await t.target.setWeights(t.environment, t.service, { 1: 100 });
      await t.target.setPreview(t.environment, t.service, { revision: 2, mirrorPercent: 10 });
      assert.deepEqual((await status()).preview, { revision: 2, mirrorPercent: 10 });
      const check = await t.target.probePreview(t.environment, t.service, AbortSignal.timeout(READY_MS));
      assert.notEqual(check.outcome, "failed", JSON.stringify(check));
      await t.target.setGuard(t.environment, t.service, {
        canary: 2,
        stable: 1,
        thresholds: { errorRatePercent: { warning: 1, critical: 5 } },
        judgement: { minSampleRequests: 10, confidence: 0.95, inconclusive: "pause" },
      });
      assert.deepEqual([(await status()).guard?.canary, (await status()).guard?.verdict], [2, null]);
      await t.target.setGuard(t.environment, t.service, null);
      await t.target.setPreview(t.environment, t.service, null);
      assert.deepEqual([(await status()).preview ?? null, (await status()).guard ?? null], [null, null]);
    });

    it("answers logs as its capabilities say", async () => {
      await run(1);
      const logs = t.target.logs(t.environment, t.service, {});
      if (t.target.capabilities.keepsLogs) assert.ok(Array.isArray(await logs));
      else await assert.rejects(logs);
    });

    it("is given secrets by reference and never writes or reports their values", async () => {
      await run(1);
      const shown = JSON.stringify([await status(), await t.target.peek(t.environment)]);
      assert.ok(!shown.includes(t.secret.value), "status shows a secret's value");
      const logs = t.target.capabilities.keepsLogs ? await t.target.logs(t.environment, t.service, {}) : [];
      assert.ok(!JSON.stringify(logs).includes(t.secret.value), "logs show a secret's value");
      assert.ok(!t.written().includes(t.secret.value), "the target wrote a secret's value");
    });
  });
}
