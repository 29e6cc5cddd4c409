import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { histogramOf } from "./prometheus.js";

describe("a latency histogram read from Prometheus", () => {
  const series = (bounds: string[], counts: number[]) => bounds.map((le, i) => ({ labels: { le }, value: counts[i]! }));

  it("reads bounds and sum in seconds by default, as ms", () => {
    assert.deepEqual(histogramOf(series(["0.05", "0.5", "+Inf"], [8, 10, 10]), 1.2), {
      le: [50, 500],
      counts: [8, 10],
      sumMs: 1200,
    });
  });

  it("reads them as ms with latencyUnit ms (Istio's and Envoy's histograms)", () => {
    assert.deepEqual(
      histogramOf(series(["50", "500", "+Inf"], [8, 10, 10]), 1200, "Prometheus", "analysis.provider", "ms"),
      {
        le: [50, 500],
        counts: [8, 10],
        sumMs: 1200,
      },
    );
  });

  it("names the setting it was asked for in a malformed answer", () => {
    assert.throws(
      () =>
        histogramOf(
          [{ labels: {}, value: 1 }],
          0,
          "Prometheus at http://m:9090",
          "environments.live.analysis.provider",
        ),
      /environments\.live\.analysis\.provider\.queries\.latencyBuckets returned a series without an le label/,
    );
  });
});
