import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chooseTag } from "./tags.js";
import type { TagRules } from "./tags.js";

// Seed 001's tag strategy table, as the reference platform writes it.
const TABLE: TagRules = {
  default: "auto",
  rules: [
    { strategy: "auto", branch: "main", tag: "latest" },
    { strategy: "auto", branch: "develop", tag: "dev" },
    { strategy: "auto", branch: "feature/*", tag: "feature-{match}" },
    { strategy: "auto", branch: "release/*", tag: "{match}" },
    { strategy: "auto", branch: "hotfix/*", tag: "hotfix-{match}" },
    { strategy: "semver", gitTag: "v*", tag: "{match}" },
    { strategy: "commit", tag: "{sha}" },
    { strategy: "custom", tag: "{custom}" },
  ],
};
const SHA = "0123456789abcdef0123456789abcdef01234567";
const input = { sha: SHA, custom: undefined, strategy: undefined };

describe("choosing an image tag", () => {
  it("follows the seed's table for branches under the auto strategy", () => {
    const tag = (branch: string): string => chooseTag(TABLE, { ...input, source: { branch } }).tag;
    assert.equal(tag("main"), "latest");
    assert.equal(tag("develop"), "dev");
    assert.equal(tag("feature/xyz"), "feature-xyz");
    assert.equal(tag("release/1.2.3"), "1.2.3");
    assert.equal(tag("hotfix/fix"), "hotfix-fix");
  });

  it("gives 1.4.0 for the git tag v1.4.0 and names the rule that chose it", () => {
    const choice = chooseTag(TABLE, { ...input, source: { gitTag: "v1.4.0" } });
    assert.deepEqual(choice, { tag: "1.4.0", strategy: "auto", rule: "tags.rules[5] (semver, git tag v* → {match})" });
  });

  it("gives the full commit for {sha} and its first 7 characters for {shortSha}", () => {
    assert.equal(chooseTag(TABLE, { ...input, source: { branch: "main" }, strategy: "commit" }).tag, SHA);
    const short: TagRules = { default: "commit", rules: [{ strategy: "commit", tag: "sha-{shortSha}" }] };
    assert.equal(chooseTag(short, { ...input, source: { branch: "main" } }).tag, "sha-0123456");
  });

  it("falls back to the commit rules when no auto rule matches the branch", () => {
    const choice = chooseTag(TABLE, { ...input, source: { branch: "bugfix/x" } });
    assert.equal(choice.tag, SHA);
    assert.match(choice.rule, /tags\.rules\[6\]/);
  });

  it("takes the custom tag under the custom strategy, and asks for it when it is missing", () => {
    assert.equal(
      chooseTag(TABLE, { ...input, source: undefined, strategy: "custom", custom: "v1.2.3-rc1" }).tag,
      "v1.2.3-rc1",
    );
    assert.throws(
      () => chooseTag(TABLE, { ...input, source: undefined, strategy: "custom" }),
      (e: Error & { exitCode?: number }) => e.exitCode === 2 && /--custom-tag/.test(e.message),
    );
  });

  it("refuses a rule that yields an invalid image tag, naming the rule and the value", () => {
    assert.throws(
      () => chooseTag(TABLE, { ...input, source: { branch: "feature/a/b" } }),
      (e: Error & { exitCode?: number }) =>
        e.exitCode === 1 &&
        e.message.includes('tags.rules[2] (auto, branch feature/* → feature-{match}) gives "feature-a/b"'),
    );
  });

  it("says which strategy found no rule for the ref", () => {
    const only: TagRules = { default: "semver", rules: [{ strategy: "semver", gitTag: "v*", tag: "{match}" }] };
    assert.throws(
      () => chooseTag(only, { ...input, source: { branch: "main" } }),
      /no tag rule of strategy semver matches branch main/,
    );
  });
});
