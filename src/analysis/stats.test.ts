import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { doublings, mixtureLlr, sprt } from "./stats.js";

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

describe("mixtureLlr", () => {
  it("is the SPRT's log-likelihood ratio with one alternative, and lies between the smallest and largest with several", () => {
    close(
      mixtureLlr(100, 3, 0.005, [0.01]),
      sprt({ trials: 100, events: 3, p0: 0.005, p1: 0.01, alpha: 0.01, beta: 0.01 }).llr,
    );
    const each = [0.01, 0.02, 0.04].map(
      (p1) => sprt({ trials: 40, events: 6, p0: 0.005, p1, alpha: 0.01, beta: 0.01 }).llr,
    );
    const mixed = mixtureLlr(40, 6, 0.005, [0.01, 0.02, 0.04]);
    assert.ok(mixed > Math.min(...each) && mixed < Math.max(...each));
    close(mixed, Math.log(each.reduce((sum, llr) => sum + Math.exp(llr), 0) / 3));
  });

  it("keeps its false-alarm rate under α when asked after every trial of a sequence at p0", () => {
    // mulberry32, seeded: reproducible.
    let a = 7;
    const random = (): number => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const alternatives = doublings(0.01, 0.6);
    let alarms = 0;
    for (let sequence = 0; sequence < 400; sequence++) {
      let events = 0;
      for (let trial = 1; trial <= 2000; trial++) {
        if (random() < 0.005) events++;
        if (mixtureLlr(trial, events, 0.005, alternatives) >= Math.log(100)) {
          alarms++;
          break;
        }
      }
    }
    assert.ok(alarms / 400 <= 0.01, `${alarms} of 400 sequences crossed 1/α`);
  });

  it("doubles the alternative while it stays below the maximum", () => {
    assert.deepEqual(doublings(0.01, 0.6), [0.01, 0.02, 0.04, 0.08, 0.16, 0.32]);
    assert.deepEqual(doublings(0.7, 0.6), [0.7]);
  });
});
