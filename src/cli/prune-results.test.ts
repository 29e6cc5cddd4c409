import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StepView } from "../engine/types.js";
import { pruneResultLines } from "./prune-results.js";

const DIGEST = `sha256:${"ab".repeat(32)}`;

function pruneStep(output: StepView["output"]): StepView {
  return {
    key: "registry-prune/api",
    stage: 0,
    index: 0,
    kind: "registry-prune",
    title: "prune api's image repository",
    status: "succeeded",
    attempts: 1,
    startedAt: 0,
    finishedAt: 1,
    output,
    error: null,
  };
}

describe("what a registry-prune step deleted and kept", () => {
  it("shows each deleted tag, then each kept tag with why it is kept", () => {
    const step = pruneStep({
      service: "api",
      repository: "reg.example/team/api",
      dryRun: false,
      deleted: [{ tag: "t01", digest: DIGEST, createdAt: null }],
      kept: [{ tag: "t05", digest: DIGEST, createdAt: null, reasons: ["runs in dev (revision 5)", "matches t*"] }],
      deletedDigests: [DIGEST],
    });
    assert.deepEqual(pruneResultLines(step, "  "), [
      "  deleted  t01  sha256:abababababab",
      "  kept     t05  sha256:abababababab  runs in dev (revision 5); matches t*",
    ]);
  });

  it("says what a dry run would delete, and nothing for other steps", () => {
    const dry = pruneStep({ dryRun: true, deleted: [{ tag: "t01", digest: DIGEST }], kept: [] });
    assert.deepEqual(pruneResultLines(dry, ""), ["would delete  t01  sha256:abababababab"]);
    assert.deepEqual(pruneResultLines({ ...dry, kind: "pin-images" }, ""), []);
    assert.deepEqual(pruneResultLines(pruneStep(null), ""), []);
  });
});
