import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadPlatformOrThrow } from "../config/load.js";
import { matchGlob, triggeredEnvironments } from "./triggers.js";

describe("matchGlob", () => {
  it("matches a name without a star only when it is equal", () => {
    assert.equal(matchGlob("develop", "develop"), true);
    assert.equal(matchGlob("develop", "develop2"), false);
    assert.equal(matchGlob("main", "mai"), false);
  });

  it("lets a star stand for any run of characters, slashes included, or none", () => {
    assert.equal(matchGlob("v*", "v1.2.3"), true);
    assert.equal(matchGlob("v*", "v"), true);
    assert.equal(matchGlob("v*", "1.2.3"), false);
    assert.equal(matchGlob("release/*", "release/2026/11"), true);
    assert.equal(matchGlob("*", ""), true);
    assert.equal(matchGlob("*-rc*", "v1-rc2"), true);
  });

  it("needs every fixed part in order, without letting head and tail overlap", () => {
    assert.equal(matchGlob("a*b*c", "a-c-b-c"), true);
    assert.equal(matchGlob("a*b*c", "a-c-c"), false);
    assert.equal(matchGlob("ab*ba", "aba"), false);
    assert.equal(matchGlob("*.*.*", "1.2"), false);
    assert.equal(matchGlob("*.*.*", "1.2.3"), true);
  });

  it("treats every other character literally", () => {
    assert.equal(matchGlob("v1.?", "v1.2"), false);
    assert.equal(matchGlob("feature/[a]", "feature/[a]"), true);
    assert.equal(matchGlob("v1.2", "v1x2"), false);
  });
});

describe("triggeredEnvironments", () => {
  const dir = mkdtempSync(join(tmpdir(), "quikship-triggers-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, "quikship.yaml"),
    `version: 1
name: shop
stacks: { node: { port: 3000 } }
services: { web: { stack: node } }
environments:
  dev: { tier: nonprod, triggers: [{ branch: develop }, { branch: "feature/*" }] }
  staging: { tier: preprod, from: dev, triggers: [{ branch: main }] }
  live: { tier: prod, from: staging, aliases: [prod], triggers: [{ gitTag: "v*" }, { branch: "hotfix/*" }] }
`,
  );
  const { platform } = loadPlatformOrThrow(dir);
  const names = (source: Parameters<typeof triggeredEnvironments>[1]) =>
    triggeredEnvironments(platform, source).map((m) => [m.environment.name, m.rule]);

  it("finds the environments whose rules match, in ladder order, with the rule", () => {
    assert.deepEqual(names({ branch: "develop" }), [["dev", "branch develop"]]);
    assert.deepEqual(names({ branch: "feature/login/form" }), [["dev", "branch feature/*"]]);
    assert.deepEqual(names({ branch: "main" }), [["staging", "branch main"]]);
    assert.deepEqual(names({ gitTag: "v1.2.3" }), [["live", "gitTag v*"]]);
  });

  it("never matches a branch rule with a git tag or the other way round", () => {
    assert.deepEqual(names({ gitTag: "develop" }), []);
    assert.deepEqual(names({ branch: "v1.2.3" }), []);
    assert.deepEqual(names({ branch: "release" }), []);
  });
});
