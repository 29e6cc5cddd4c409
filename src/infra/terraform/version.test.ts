import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../errors.js";
import { checkVersion } from "./version.js";

const ok = (required: string, actual: string): boolean => checkVersion(required, actual, false).outcome === "ok";

describe("checkVersion", () => {
  it("accepts any binary when the platform names no version", () => {
    assert.equal(checkVersion(undefined, "1.11.4", true).outcome, "ok");
  });

  it("matches a bare version by prefix", () => {
    assert.equal(ok("1.5.7", "1.5.7"), true);
    assert.equal(ok("1.5.7", "1.5.8"), false);
    assert.equal(ok("1.5", "1.5.8"), true);
    assert.equal(ok("1", "1.11.4"), true);
    assert.equal(ok("1.1", "1.11.4"), false);
  });

  it("follows terraform's constraint operators", () => {
    assert.equal(ok(">= 1.5, < 2.0", "1.11.4"), true);
    assert.equal(ok(">= 1.5, < 1.10", "1.11.4"), false);
    assert.equal(ok("~> 1.5.0", "1.5.9"), true);
    assert.equal(ok("~> 1.5.0", "1.6.0"), false);
    assert.equal(ok("~> 1.5", "1.11.4"), true);
    assert.equal(ok("~> 1.5", "2.0.0"), false);
    assert.equal(ok("!= 1.11.4", "1.11.4"), false);
    assert.equal(ok("= 1.11.4", "v1.11.4"), true);
  });

  it("warns on a mismatch, and refuses it where strict", () => {
    const warning = checkVersion("1.5.7", "1.11.4", false);
    assert.deepEqual(warning, {
      outcome: "mismatch",
      required: "1.5.7",
      actual: "1.11.4",
      message: 'terraform 1.11.4 does not match the platform\'s terraform.version "1.5.7"',
    });
    assert.throws(() => checkVersion("1.5.7", "1.11.4", true), /strict: refusing to run it/);
  });

  it("refuses a version it cannot read, saying what it expects", () => {
    assert.throws(
      () => checkVersion("latest", "1.11.4", false),
      (e: unknown) => e instanceof InputError && /"latest" is not a version or a constraint/.test(e.message),
    );
  });
});
