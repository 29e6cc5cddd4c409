import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sprt } from "./stats.js";

const close = (actual: number, expected: number, tolerance = 1e-6): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

describe("sprt", () => {
  const base = { p0: 0.005, p1: 0.01, alpha: 0.01, beta: 0.01 };

  it("puts Wald's bounds at ±ln((1 − α) / α) when α = β", () => {
    const result = sprt({ ...base, trials: 0, events: 0 });
    close(result.upper, Math.log(99));
    close(result.lower, -Math.log(99));
    assert.equal(result.llr, 0);
    assert.equal(result.decision, "continue");
  });

  it("adds ln(p1 / p0) per event and ln((1 − p1) / (1 − p0)) per non-event", () => {
    close(sprt({ ...base, trials: 10, events: 3 }).llr, 3 * Math.log(2) + 7 * Math.log(0.99 / 0.995));
  });

  it("continues after one error in five requests", () => {
    assert.equal(sprt({ ...base, trials: 5, events: 1 }).decision, "continue");
  });

  it("accepts H1 after seven errors in a row and H0 after 913 clean requests, not 912", () => {
    assert.equal(sprt({ ...base, trials: 6, events: 6 }).decision, "continue");
    assert.equal(sprt({ ...base, trials: 7, events: 7 }).decision, "h1");
    assert.equal(sprt({ ...base, trials: 912, events: 0 }).decision, "continue");
    assert.equal(sprt({ ...base, trials: 913, events: 0 }).decision, "h0");
  });

  it("refuses rates that do not order, as a bug", () => {
    assert.throws(() => sprt({ ...base, p0: 0.01, p1: 0.01, trials: 1, events: 0 }), /bug/);
  });
});
