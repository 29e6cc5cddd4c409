import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cronProblem, isTimeZone } from "./windows.js";

describe("time zones and cron expressions", () => {
  it("knows canonical zones and their aliases, and refuses a misspelt or empty name", () => {
    assert.equal(isTimeZone("Europe/London"), true);
    assert.equal(isTimeZone("UTC"), true);
    assert.equal(isTimeZone("US/Eastern"), true);
    assert.equal(isTimeZone("Europe/Londn"), false);
    assert.equal(isTimeZone("Mars/Base"), false);
    assert.equal(isTimeZone(""), false);
  });

  it("accepts a five-field expression and names the field of a bad one", () => {
    assert.equal(cronProblem("0 0 25 12 *"), undefined);
    assert.equal(cronProblem("0 0 32 12 *"), "day-of-month must be 1-31");
    assert.equal(cronProblem("0 3 * * 8"), "day-of-week must be 0-7 or sun-sat");
    assert.match(cronProblem("0 0 * *") ?? "", /^it has 4 fields; write five/);
  });
});
