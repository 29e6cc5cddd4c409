import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Environment, Service } from "../config/types.js";
import { CountingTarget } from "./counting.js";
import { testTargetFromEnv } from "./registry.js";

const dev = { name: "dev" } as Environment;
const web = { name: "web" } as Service;
const latency = { le: [100], counts: [1], sumMs: 10 };

const target = (): CountingTarget =>
  new CountingTarget(join(mkdtempSync(join(tmpdir(), "quikship-counting-")), "effects.jsonl"));

describe("the counting target", () => {
  it("reports the traffic a test wrote, the last line per revision", async () => {
    const t = target();
    t.writeTraffic({ environment: "dev", service: "web", revision: 2, requests: 10, errors: 1, latency });
    t.writeTraffic({ environment: "dev", service: "web", revision: 1, requests: 5, errors: 0, latency });
    t.writeTraffic({ environment: "dev", service: "other", revision: 1, requests: 99, errors: 0, latency });
    t.writeTraffic({ environment: "dev", service: "web", revision: 2, requests: 20, errors: 3, latency });
    assert.deepEqual(
      (await t.traffic(dev, web)).map((r) => [r.revision, r.requests, r.errors]),
      [
        [1, 5, 0],
        [2, 20, 3],
      ],
    );
  });

  it("reports the preview and guard it was given, and a scripted abort", async () => {
    const t = target();
    assert.deepEqual(await t.status(dev, web).then((s) => [s.preview, s.guard]), [null, null]);
    await t.setPreview(dev, web, { revision: 3, mirrorPercent: 10 });
    await t.setGuard(dev, web, {
      canary: 3,
      stable: 2,
      thresholds: {},
      judgement: { minSampleRequests: 10, confidence: 0.95, inconclusive: "pause" },
    });
    t.abortGuard("dev", "web", ["error rate above the critical 5%"]);
    const status = await t.status(dev, web);
    assert.deepEqual(status.preview, { revision: 3, mirrorPercent: 10 });
    assert.equal(status.guard?.canary, 3);
    assert.deepEqual(status.guard?.verdict?.reasons, ["error rate above the critical 5%"]);
    assert.deepEqual(status.weights, { 2: 100 });
    await t.setGuard(dev, web, null);
    await t.setPreview(dev, web, null);
    assert.deepEqual(await t.status(dev, web).then((s) => [s.preview, s.guard]), [null, null]);
  });

  it("is bound from QUIKSHIP_TEST_TARGET with the rollout poll a test asks for, and refuses a poll that is no duration", () => {
    const file = join(mkdtempSync(join(tmpdir(), "quikship-counting-")), "effects.jsonl");
    assert.equal(
      testTargetFromEnv(`counting:${file}`, 0, undefined)?.forEnvironment(dev).capabilities.rolloutPollMs,
      undefined,
    );
    assert.equal(testTargetFromEnv(`counting:${file}`, 0, 25)?.forEnvironment(dev).capabilities.rolloutPollMs, 25);
    assert.throws(
      () => testTargetFromEnv(`counting:${file}`, 0, 0),
      /QUIKSHIP_TEST_TARGET_POLL_MS must be a whole number of milliseconds, got "0"/,
    );
    assert.throws(() => testTargetFromEnv(`counting:${file}`, 0, Number.NaN), /got "NaN"/);
  });
});
