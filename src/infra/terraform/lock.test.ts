import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Diagnostic } from "./diagnostics.js";
import { goTimeToIso, lockInfoAmong, lockInfoFrom } from "./lock.js";

const diagnostic = (summary: string, detail: string): Diagnostic => ({
  severity: "error",
  summary,
  detail,
  address: undefined,
  location: undefined,
});

/** The detail terraform 1.11 gives (copied from a real run against the local backend). */
const LOCKED = diagnostic(
  "Error acquiring the state lock",
  [
    "Error message: resource temporarily unavailable",
    "Lock Info:",
    "  ID:        539399f5-aef5-ac9b-841a-046509c62606",
    "  Path:      terraform.tfstate",
    "  Operation: OperationTypeApply",
    "  Who:       deploy@ci-runner-3",
    "  Version:   1.11.4",
    "  Created:   2026-12-05 12:20:47.852837686 +0000 UTC",
    "  Info:      ",
    "",
    "",
    "Terraform acquires a state lock to protect the state from being written",
    "by multiple users at the same time.",
  ].join("\n"),
);

describe("lockInfoFrom", () => {
  it("reads the holder, operation and time from terraform's lock diagnostic", () => {
    assert.deepEqual(lockInfoFrom(LOCKED), {
      id: "539399f5-aef5-ac9b-841a-046509c62606",
      path: "terraform.tfstate",
      operation: "OperationTypeApply",
      who: "deploy@ci-runner-3",
      version: "1.11.4",
      created: "2026-12-05T12:20:47.852Z",
      info: "",
    });
  });

  it("ignores other diagnostics and lock errors without a lock ID", () => {
    assert.equal(lockInfoFrom(diagnostic("Invalid expression", "Lock Info:\n  ID: x")), null);
    assert.equal(lockInfoFrom(diagnostic("Error acquiring the state lock", "Error message: timeout")), null);
    assert.equal(lockInfoAmong([diagnostic("Other", ""), LOCKED])?.who, "deploy@ci-runner-3");
  });
});

describe("goTimeToIso", () => {
  it("converts Go's time format with an offset to UTC", () => {
    assert.equal(goTimeToIso("2026-03-29 01:30:00.5 +0200 CEST"), "2026-03-28T23:30:00.500Z");
    assert.equal(goTimeToIso("2026-12-05 12:20:47 +0000 UTC"), "2026-12-05T12:20:47.000Z");
  });

  it("keeps a time it cannot read as given", () => {
    assert.equal(goTimeToIso(" yesterday "), "yesterday");
  });
});
