import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { phaseStart, trafficWindow, uncountedTraffic } from "../../dashboard/src/canary-window.ts";
import type { PhasedTrafficView, TrafficPhase } from "../../dashboard/src/canary-window.ts";

/** Minutes after 14:00 as "14:MM", so the captions read as the page's do without a locale. */
const time = (ms: number): string => `14:${String(ms / 60_000).padStart(2, "0")}`;

const cumulative = [
  { revision: 1, requests: 1600, errors: 13, errorRatePercent: 0.8125, p99Ms: 489 },
  { revision: 2, requests: 200, errors: 1, errorRatePercent: 0.5, p99Ms: 99 },
];
const sincePhase = [
  { revision: 2, requests: 200, errors: 1, errorRatePercent: 0.5, p99Ms: 99 },
  { revision: 1, requests: 600, errors: 3, errorRatePercent: 0.5, p99Ms: 496 },
];
const phase: TrafficPhase = {
  run: "r1",
  strategy: "canary",
  phase: "baking",
  pausedFrom: null,
  step: 2,
  steps: 3,
  weight: 50,
  since: 2 * 60_000,
  source: "router",
  revisions: sincePhase,
};
const view = (p?: TrafficPhase | null): PhasedTrafficView => ({
  environment: "qa",
  service: "api",
  at: 3 * 60_000,
  revisions: cumulative,
  thresholds: { errorRatePercent: null, latencyP99Ms: null },
  source: { type: "target" },
  ...(p === undefined ? {} : { phase: p }),
});

describe("the canary view's traffic window", () => {
  it("shows the current phase's counters, saying since when, when the server gives them", () => {
    assert.deepEqual(trafficWindow(view(phase), time), {
      revisions: sincePhase,
      phase: true,
      caption: "Since step 2 of 3 (50%) began at 14:02: the window the engine judges; as of 14:03",
    });
    assert.match(
      trafficWindow(view({ ...phase, source: "prometheus" }), time).caption,
      /judges \(from the prometheus metrics\); as of/,
    );
  });

  it("falls back to the cumulative counters, labelled as not the judged window, without a phase", () => {
    for (const p of [undefined, null]) {
      assert.deepEqual(trafficWindow(view(p), time), {
        revisions: cumulative,
        phase: false,
        caption:
          "Cumulative since the target began counting, not only the current phase the engine judges; as of 14:03",
      });
    }
  });

  it("labels cumulative counters read from Prometheus as its own, not the target's", () => {
    assert.equal(
      trafficWindow({ ...view(), source: { type: "prometheus", setting: "analysis.provider" } }, time).caption,
      "Cumulative as Prometheus counts it (since each series began), not only the current phase the engine judges; as of 14:03",
    );
  });

  it("says why there is no traffic to show, instead of an empty table, when nothing counts it", () => {
    const reason = "the kubernetes target of qa counts no requests itself";
    assert.equal(
      uncountedTraffic({ ...view(), revisions: [], source: { type: "none", reason } }),
      `No traffic to show: ${reason}.`,
    );
    assert.equal(uncountedTraffic(view()), null);
    assert.equal(uncountedTraffic({ ...view(), source: { type: "prometheus", setting: "analysis.provider" } }), null);
  });

  it("names each phase's start: a canary step, paused or not, the finish, a blue-green preview and switch", () => {
    const blueGreen = { ...phase, strategy: "blue-green" as const, step: null, steps: null, weight: 0 };
    assert.deepEqual(
      [
        phaseStart(phase, time),
        phaseStart({ ...phase, phase: "paused", pausedFrom: "baking" }, time),
        phaseStart({ ...phase, steps: null, weight: null }, time),
        phaseStart({ ...phase, phase: "finishing" }, time),
        phaseStart({ ...blueGreen, phase: "preview" }, time),
        phaseStart({ ...blueGreen, phase: "paused", pausedFrom: "switched", weight: 100 }, time),
      ],
      [
        "step 2 of 3 (50%) began at 14:02",
        "step 2 of 3 (50%) began at 14:02 (now paused for a person)",
        "step 2 began at 14:02",
        "the canary passed at 14:02",
        "the preview began at 14:02",
        "the switch at 14:02 (now paused for a person)",
      ],
    );
  });
});
