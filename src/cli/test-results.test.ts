import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RunView, StepView } from "../engine/types.js";
import { runText } from "./commands/run.js";

const output = {
  name: "load",
  passed: false,
  required: true,
  exit: 1,
  summary:
    "exited with 1; 3 tests: 2 passed, 1 failed; 600 requests, 20/s, p95 180.5 ms, errors 0.5%; first failure: api › sorts: expected 200, got 500",
  results: {
    junit: {
      tests: 3,
      passed: 2,
      failures: 1,
      errors: 0,
      skipped: 0,
      timeMs: null,
      failed: [{ suite: "api", name: "sorts", kind: "failure", message: "expected 200, got 500" }],
    },
    load: null,
    files: [],
    problems: [],
  },
};

const step: StepView = {
  key: "test/load",
  stage: 0,
  index: 0,
  kind: "test",
  title: "load test load in qa",
  status: "failed",
  attempts: 1,
  startedAt: 0,
  finishedAt: 1,
  output: null,
  error: { kind: "conflict", message: "load (load test) failed in qa: exited with 1", details: { test: output } },
};

describe("quikship run", () => {
  it("shows a test step's counts, load figures and failing cases under it", () => {
    const run: RunView = {
      id: "r1",
      kind: "deploy",
      status: "failed",
      environment: "qa",
      services: ["api"],
      actor: "alice",
      request: { kind: "deploy", environment: "qa", services: ["api"], params: { tag: "v1" } },
      waitReason: null,
      wakeAt: null,
      error: null,
      createdAt: 0,
      updatedAt: 1,
      startedAt: 0,
      finishedAt: 1,
      supersededBy: null,
      stages: [{ key: "deploy", title: "deploy in qa", environment: "qa", steps: [step] }],
    };
    const text = runText(run);
    assert.match(
      text,
      /failed: exited with 1; 3 tests: 2 passed, 1 failed; 600 requests, 20\/s, p95 180\.5 ms, errors 0\.5%/,
    );
    assert.match(text, /\n {13}failure api › sorts: expected 200, got 500/);
  });
});
