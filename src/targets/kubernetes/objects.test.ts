import assert from "node:assert/strict";
import { it } from "node:test";
import { wholePercents } from "./objects.js";

it("rounds percents to whole ones that add up to 100, the largest remainders first, ties to the newer revision", () => {
  assert.deepEqual(wholePercents({ 1: 100 / 3, 2: 200 / 3 }), { 1: 33, 2: 67 });
  assert.deepEqual(wholePercents({ 1: 100 / 3, 2: 100 / 3, 3: 100 / 3 }), { 1: 33, 2: 33, 3: 34 });
  assert.deepEqual(wholePercents({ 4: 12.5, 5: 87.5 }), { 4: 12, 5: 88 });
  assert.deepEqual(wholePercents({ 1: 0.4, 2: 99.6 }), { 1: 0, 2: 100 });
  assert.deepEqual(wholePercents({ 7: 5, 8: 95 }), { 7: 5, 8: 95 }, "whole ones stay");
  assert.deepEqual(wholePercents({}), {});
});
