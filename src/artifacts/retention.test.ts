import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planRetention } from "./retention.js";
import type { TagInfo } from "./retention.js";

const DAY = 86_400_000;
const NOW = Date.parse("2026-06-01T00:00:00Z");
const digest = (n: number) => `sha256:${String(n).padStart(64, "0")}`;
/** Tag tN, created N days ago; `unknown`: its image does not say when. */
const tag = (n: number, unknown?: "unknown"): TagInfo => ({
  tag: `t${n}`,
  digest: digest(n),
  createdMs: unknown ? undefined : NOW - n * DAY,
});

describe("retention's olderThan", () => {
  it("deletes, beyond the kept tags, only images older than the age, and says why each younger one stays", () => {
    const tags = [tag(1), tag(5), tag(20), tag(40), tag(60)];
    const plan = planRetention(tags, new Map(), { keep: 1, keepTags: [], olderThanMs: 30 * DAY }, NOW);
    assert.deepEqual(
      plan.remove.map((t) => t.tag),
      ["t40", "t60"],
    );
    const why = Object.fromEntries(plan.keep.map((k) => [k.tag, k.reasons]));
    assert.deepEqual(why.t1, ["one of the 1 newest"]);
    assert.deepEqual(why.t5, [`created ${new Date(NOW - 5 * DAY).toISOString()}, not older than 30d`]);
    assert.deepEqual(why.t20, [`created ${new Date(NOW - 20 * DAY).toISOString()}, not older than 30d`]);
  });

  it("never deletes a rollback candidate or a running digest, however old, and keeps an image of unknown age", () => {
    const tags = [tag(1), tag(90), tag(100), tag(7, "unknown")];
    const candidates = new Map([[digest(100), ["rollback candidate in live (revision 3)"]]]);
    const plan = planRetention(tags, candidates, { keep: 1, keepTags: [], olderThanMs: 30 * DAY }, NOW);
    assert.deepEqual(
      plan.remove.map((t) => t.tag),
      ["t90"],
    );
    const why = Object.fromEntries(plan.keep.map((k) => [k.tag, k.reasons]));
    assert.deepEqual(why.t100, ["rollback candidate in live (revision 3)"]);
    assert.deepEqual(why.t7, ["its image does not say when it was created, so it is not known to be older than 30d"]);
  });

  it("deletes every tag beyond the kept ones, whatever its age, without olderThan", () => {
    const plan = planRetention([tag(1), tag(2), tag(3, "unknown")], new Map(), { keep: 1, keepTags: [] }, NOW);
    assert.deepEqual(plan.remove.map((t) => t.tag).sort(), ["t2", "t3"]);
  });
});
