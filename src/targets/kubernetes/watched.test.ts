import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matches } from "./watched.js";

const labelled = (labels: Record<string, string>): { metadata: { labels: Record<string, string> } } => ({
  metadata: { labels },
});

describe("matching a watched object to the label selectors the target lists by", () => {
  const shared = labelled({ "app.kubernetes.io/name": "auth", "app.kubernetes.io/managed-by": "quikship" });
  const revision = labelled({ ...shared.metadata.labels, "quikship.io/revision": "3" });

  it("matches every k=v term, and none of an object another manager labels", () => {
    const selector = "app.kubernetes.io/name=auth,app.kubernetes.io/managed-by=quikship";
    assert.equal(matches(shared, selector), true);
    assert.equal(matches(revision, `${selector},quikship.io/revision=3`), true);
    assert.equal(matches(revision, `${selector},quikship.io/revision=4`), false);
    assert.equal(matches(labelled({ "app.kubernetes.io/name": "auth" }), selector), false);
  });

  it("matches !k only where the label is absent (the shared objects, not a revision's)", () => {
    const selector = "app.kubernetes.io/managed-by=quikship,!quikship.io/revision";
    assert.equal(matches(shared, selector), true);
    assert.equal(matches(revision, selector), false);
  });
});
