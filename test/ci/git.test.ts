import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { openRepository, originRepository } from "../../src/ci/git.js";
import { readRange } from "../../src/ci/range.js";
import { makePlan } from "../../src/cli/commands/ci-plan.js";
import { gitIn, makeRepo } from "./git-repo.js";
import type { TestRepo } from "./git-repo.js";

const PLATFORM = `version: 1
name: range
registry: { server: registry.example }
stacks:
  go: {}
services:
  alpha: { stack: go, repository: example/alpha, paths: ["alpha/**"] }
  beta: { stack: go, paths: ["beta/**"] }
environments:
  dev: { tier: nonprod, triggers: [{ branch: main }] }
`;

describe("what ci plan asks git", () => {
  let repo: TestRepo;
  const scratch = mkdtempSync(join(tmpdir(), "quikship-git-"));
  const tips: Record<string, string> = {};

  before(() => {
    repo = makeRepo();
    repo.commit("initial", { "quikship.yaml": PLATFORM, "alpha/a": "0", "beta/b": "0" });
    // A criss-cross history: x and y each merge the other's first commit, so they have two merge bases.
    repo.git("checkout", "-q", "-b", "x");
    const x1 = repo.commit("x1", { "alpha/a": "x1" });
    repo.git("checkout", "-q", "-b", "y", "main");
    const y1 = repo.commit("y1", { "beta/b": "y1" });
    repo.git("merge", "-q", "--no-ff", "-m", "y merges x1", x1);
    tips.y = repo.commit("y2", { "beta/c": "y2" });
    repo.git("checkout", "-q", "x");
    repo.git("merge", "-q", "--no-ff", "-m", "x merges y1", y1);
    tips.x = repo.commit("x2", { "alpha/c": "x2" });
    repo.git("checkout", "-q", "main");
    tips.main = repo.git("rev-parse", "HEAD").trim();
  });
  after(() => {
    repo.remove();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("finds the merge base git merge-base finds, two of them included, and the files changed since it", async () => {
    assert.equal(repo.git("merge-base", "--all", "x", "y").trim().split("\n").length, 2);
    for (const [base, head] of [
      ["x", "y"],
      ["y", "x"],
      ["main", "x"],
      ["x", "main"],
      ["x", "x"],
    ] as const) {
      const range = await readRange(repo.dir, head, base, true);
      const from = repo.git("merge-base", base, head).trim();
      assert.equal(range.mergeBase, from, `${base}...${head}`);
      assert.deepEqual(range.files, repo.git("diff", "--name-only", from, head).trim().split("\n").filter(Boolean));
      assert.equal(range.head, tips[head]);
      assert.equal(range.base, tips[base]);
      assert.equal(range.repo.top, repo.dir);
    }
  });

  it("starts two git processes for a plan, together: one rev-parse, one diff", async () => {
    const log = join(scratch, "git.log");
    const wrapper = join(scratch, "bin");
    const real = gitIn(repo.dir, ["--exec-path"]).trim();
    mkdirSync(wrapper);
    writeFileSync(join(wrapper, "git"), `#!/bin/sh\necho "$*" >> "${log}"\nexec "${real}/git" "$@"\n`);
    chmodSync(join(wrapper, "git"), 0o755);
    const changed = repo.git("diff", "--name-only", repo.git("merge-base", "x", "y").trim(), "y");
    const expected = ["alpha", "beta"].filter((s) => changed.includes(`${s}/`));
    const path = process.env.PATH;
    process.env.PATH = `${wrapper}:${path ?? ""}`;
    try {
      const plan = await makePlan({
        config: join(repo.dir, "quikship.yaml"),
        cwd: repo.dir,
        base: "x",
        head: "y",
        services: "changed",
        output: "json",
      });
      assert.deepEqual(
        plan.services.map((s) => s.name),
        expected,
      );
    } finally {
      process.env.PATH = path;
    }
    const calls = readFileSync(log, "utf8").trim().split("\n").sort();
    assert.equal(calls.length, 2, calls.join("\n"));
    assert.match(calls[0]!, / diff --name-only .* x\.\.\.y --$/);
    assert.match(calls[1]!, / rev-parse .*x\.\.\.y$/);
  });

  it("reads the origin remote from the shared config, in a worktree too", () => {
    repo.git("remote", "add", "origin", "git@github.com:example/alpha.git");
    const tree = join(scratch, "tree");
    repo.git("worktree", "add", "-q", tree, "x");
    const inTree = openRepository(tree);
    assert.equal(inTree.top, tree);
    assert.equal(originRepository(inTree), "example/alpha");
    assert.equal(originRepository(openRepository(join(tree, "alpha"))), "example/alpha");
    assert.equal(originRepository(openRepository(join(repo.dir, "beta"))), "example/alpha");
    repo.git("remote", "set-url", "origin", "https://github.com/example/beta");
    assert.equal(originRepository(openRepository(repo.dir)), "example/beta");
    repo.git("remote", "remove", "origin");
    assert.equal(originRepository(openRepository(repo.dir)), undefined);
  });
});
