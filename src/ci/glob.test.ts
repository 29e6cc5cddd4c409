import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { referenceMatch } from "../../test/ci/reference-glob.js";
import { compileGlob, globMatches, matchPath } from "./glob.js";

describe("globs over repository paths", () => {
  it("lets ** stand for any number of directories, none included, but at the end for what is inside", () => {
    assert.equal(globMatches("services/auth-service/**", "services/auth-service"), false);
    assert.equal(globMatches("services/auth-service/**", "services/auth-service/src/Main.java"), true);
    assert.equal(globMatches("services/auth-service/**", "services/auth-service-2/x"), false);
    assert.equal(globMatches("**/*.md", "README.md"), true);
    assert.equal(globMatches("**/*.md", "docs/a/b.md"), true);
    assert.equal(globMatches("a/**/b", "a/b"), true);
    assert.equal(globMatches("a/**/b", "a/x/y/b"), true);
    assert.equal(globMatches("a/**/b", "a/x/y/c"), false);
  });

  it("keeps * and ? inside one directory", () => {
    assert.equal(globMatches("docker/*/Dockerfile", "docker/go/Dockerfile"), true);
    assert.equal(globMatches("docker/*/Dockerfile", "docker/go/x/Dockerfile"), false);
    assert.equal(globMatches("*.md", "docs/a.md"), false);
    assert.equal(globMatches("a/?.txt", "a/1.txt"), true);
    assert.equal(globMatches("a/?.txt", "a/12.txt"), false);
  });

  it("reads a glob ending in / as everything under that directory", () => {
    assert.equal(globMatches("libs/shared/", "libs/shared/a/b.ts"), true);
    assert.equal(globMatches("libs/shared/", "libs/shared-2/a.ts"), false);
  });

  it("matches paths with spaces, quotes and any Unicode as written", () => {
    assert.equal(globMatches("services/my service/**", 'services/my service/ünïcode "q".txt'), true);
    assert.equal(globMatches("services/日本/*.go", "services/日本/main.go"), true);
  });

  it("agrees with a slow reference matcher on generated globs and paths", () => {
    const segment = fc.stringMatching(/^[ab.é ]{1,3}$/);
    const globSegment = fc.oneof(
      segment,
      fc.constant("*"),
      fc.constant("**"),
      fc.constant("?"),
      fc.stringMatching(/^[ab*?]{1,4}$/),
    );
    const glob = fc.array(globSegment, { minLength: 1, maxLength: 5 }).map((s) => s.join("/"));
    const path = fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => s.join("/"));
    fc.assert(
      fc.property(glob, fc.array(path, { maxLength: 20 }), (g, paths) => {
        const compiled = compileGlob(g);
        for (const p of paths) assert.equal(matchPath(compiled, p), referenceMatch(g, p), `${g} vs ${p}`);
      }),
      { numRuns: 3000 },
    );
  });
});
