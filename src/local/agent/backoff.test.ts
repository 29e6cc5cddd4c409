import assert from "node:assert/strict";
import { test } from "node:test";
import { nextRestartDelayMs } from "./backoff.js";

test("restart delays start at 250 ms and double up to 10 s", () => {
  const delays: number[] = [];
  let previous: number | undefined;
  for (let i = 0; i < 8; i++) delays.push((previous = nextRestartDelayMs(previous, 100)));
  assert.deepEqual(delays, [250, 500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
});

test("an instance that stayed up 30 s starts again from the first delay", () => {
  assert.equal(nextRestartDelayMs(10_000, 29_999), 10_000);
  assert.equal(nextRestartDelayMs(10_000, 30_000), 250);
});
