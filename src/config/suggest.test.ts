import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { nearest, unknownNameHint } from "./suggest.js";

describe("nearest", () => {
  test("finds a name one edit away", () => {
    assert.deepEqual(nearest("CAB2", ["CAB", "CTO", "QA Lead"]), ["CAB"]);
    assert.deepEqual(nearest("servces", ["stacks", "services", "environments"]), ["services"]);
  });

  test("ignores case, so a name written in the wrong case is suggested as it is defined", () => {
    assert.deepEqual(nearest("qa lead", ["CAB", "QA Lead"]), ["QA Lead"]);
  });

  test("puts the closest first and breaks ties alphabetically", () => {
    assert.deepEqual(nearest("dev", ["devs", "dev2", "live", "prod"]), ["dev2", "devs"]);
    assert.deepEqual(nearest("helthPath", ["healthPath", "path", "port"]), ["healthPath"]);
  });

  test("accepts a name that one of them starts with", () => {
    assert.deepEqual(nearest("canary", ["canaryPlans", "thresholds"]), ["canaryPlans"]);
  });

  test("suggests nothing when every name is far away", () => {
    assert.deepEqual(nearest("billing", ["web", "api", "auth"]), []);
  });

  test("suggests nothing for an empty name", () => {
    assert.deepEqual(nearest("", ["nonprod", "preprod", "prod"]), []);
  });

  test("returns at most the limit", () => {
    assert.deepEqual(nearest("a", ["a1", "a2", "a3", "a4"], 2), ["a1", "a2"]);
  });
});

describe("unknownNameHint", () => {
  test("names the nearest and lists the known names", () => {
    assert.equal(unknownNameHint("CAB2", ["CAB", "CTO", "QA Lead"]), ' (did you mean "CAB"? known: CAB, CTO, QA Lead)');
  });

  test("lists the known names alone when none is near", () => {
    assert.equal(unknownNameHint("billing", ["web", "api"]), " (known: web, api)");
  });

  test("says when none are defined", () => {
    assert.equal(unknownNameHint("CAB", []), " (none are defined)");
  });

  test("shortens a long list and says how many there are", () => {
    const known = Array.from({ length: 20 }, (_, i) => `svc-${i}`);
    assert.equal(unknownNameHint("zzz", known, 3), " (known: svc-0, svc-1, svc-2, … (20 in all))");
  });
});
