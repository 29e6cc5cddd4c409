import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formatDurationMs, parseDurationMs, parsePercent } from "./duration.js";

describe("parseDurationMs", () => {
  test("reads each unit", () => {
    assert.equal(parseDurationMs("250ms"), 250);
    assert.equal(parseDurationMs("30s"), 30_000);
    assert.equal(parseDurationMs("15m"), 900_000);
    assert.equal(parseDurationMs("1h"), 3_600_000);
    assert.equal(parseDurationMs("7d"), 604_800_000);
    assert.equal(parseDurationMs("2w"), 1_209_600_000);
  });

  test("adds up combinations and large counts of a small unit", () => {
    assert.equal(parseDurationMs("1h30m"), 5_400_000);
    assert.equal(parseDurationMs("1m30s500ms"), 90_500);
    assert.equal(parseDurationMs("1440m"), 86_400_000);
    assert.equal(parseDurationMs("0s"), 0);
  });

  test("throws on text the schema rejects, naming it", () => {
    for (const text of ["15 minutes", "", "1.5h", "h", "15", "-5m", "1h 30m"]) {
      assert.throws(() => parseDurationMs(text), {
        name: "RangeError",
        message: `not a duration: ${JSON.stringify(text)}`,
      });
    }
  });
});

describe("formatDurationMs", () => {
  test("writes the largest units first and leaves out the empty ones", () => {
    assert.equal(formatDurationMs(5_400_000), "1h30m");
    assert.equal(formatDurationMs(86_400_000), "1d");
    assert.equal(formatDurationMs(90_500), "1m30s500ms");
    assert.equal(formatDurationMs(0), "0s");
  });

  test("is read back by parseDurationMs as the same number", () => {
    for (const ms of [1, 999, 61_000, 5_400_000, 604_800_000, 694_861_001])
      assert.equal(parseDurationMs(formatDurationMs(ms)), ms);
  });

  test("writes a negative duration with a minus sign", () => {
    assert.equal(formatDurationMs(-90_000), "-1m30s");
  });
});

describe("parsePercent", () => {
  test("reads a number or a string with a percent sign", () => {
    assert.equal(parsePercent("0.5%"), 0.5);
    assert.equal(parsePercent("70%"), 70);
    assert.equal(parsePercent(70), 70);
  });
});
