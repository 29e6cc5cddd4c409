import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StepView } from "../engine/types.js";
import { pinnedImageLines } from "./pinned-images.js";

const DIGEST = `sha256:${"ab".repeat(32)}`;

function pinStep(output: StepView["output"]): StepView {
  return {
    key: "pin",
    stage: 0,
    index: 0,
    kind: "pin-images",
    title: "pin images",
    status: "succeeded",
    attempts: 1,
    startedAt: 0,
    finishedAt: 1,
    output,
    error: null,
  };
}

describe("the images a run pinned", () => {
  it("shows each service's tag and digest, and the tag alone where no registry is asked", () => {
    const step = pinStep({
      images: {
        api: { image: "reg.example/team/api", tag: "v1", digest: DIGEST, from: "registry" },
        demo: { image: "demo", tag: "v1", digest: null, from: "none" },
      },
    });
    assert.deepEqual(pinnedImageLines(step, "  "), [`  api  reg.example/team/api:v1@${DIGEST}`, "  demo  demo:v1"]);
  });

  it("shows nothing for other steps or a pin step without output", () => {
    assert.deepEqual(pinnedImageLines({ ...pinStep(null) }, ""), []);
    assert.deepEqual(pinnedImageLines({ ...pinStep({ images: {} }), kind: "test" }, ""), []);
  });
});
