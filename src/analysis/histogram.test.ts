import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countAbove, p99FromHistogram, quantileFromHistogram, type LatencyHistogram } from "./histogram.js";

const le = [5, 10, 25, 50, 100, 200, 300, 500, 750, 1000, 2500, 5000];

/** A cumulative histogram of the given latencies over the router's bounds. */
function histogram(latenciesMs: number[]): LatencyHistogram {
  return {
    le,
    counts: le.map((bound) => latenciesMs.filter((ms) => ms <= bound).length),
    sumMs: latenciesMs.reduce((a, b) => a + b, 0),
  };
}

describe("p99FromHistogram", () => {
  it("is undefined without requests", () => {
    assert.equal(p99FromHistogram(histogram([]), 0), undefined);
  });

  it("interpolates within the bucket that holds the 99th percentile", () => {
    // 100 requests: 98 at 20 ms, 2 at 150 ms. Rank 99 is the first of 2 in (100, 200]: 100 + 100 · 1/2.
    const h = histogram([...Array<number>(98).fill(20), 150, 150]);
    assert.equal(p99FromHistogram(h, 100), 150);
  });

  it("puts every request at 600 ms in (500, 750]", () => {
    const p99 = p99FromHistogram(histogram(Array<number>(10).fill(600)), 10)!;
    assert.ok(p99 > 500 && p99 <= 750, String(p99));
  });

  it("answers the last finite bound when the quantile is in the +Inf bucket", () => {
    assert.equal(p99FromHistogram(histogram([9000, 9000]), 2), 5000);
  });

  it("starts the first bucket at 0 ms", () => {
    assert.equal(quantileFromHistogram(histogram([1, 2, 3, 4]), 4, 0.5), 2.5);
  });
});

describe("countAbove", () => {
  it("counts requests above a threshold that is a bucket bound", () => {
    assert.equal(countAbove(histogram([100, 499, 500, 501, 600, 9000]), 6, 500), 3);
  });

  it("counts only what is certain when the threshold is inside a bucket", () => {
    // 400 is inside (300, 500]: only the requests above 500 are certainly above 400.
    assert.equal(countAbove(histogram([450, 600]), 2, 400), 1);
  });

  it("is 0 beyond the last finite bound, where the +Inf bucket cannot tell", () => {
    assert.equal(countAbove(histogram([9000]), 1, 6000), 0);
  });
});
