import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import { changedServices } from "../../src/ci/changes.js";
import { makePlan } from "../../src/cli/commands/ci-plan.js";
import type { PlanOptions } from "../../src/cli/commands/ci-plan.js";
import { makeRepo } from "./git-repo.js";
import type { TestRepo } from "./git-repo.js";
import { referenceMatch } from "./reference-glob.js";

const PLATFORM = `version: 1
name: history
registry: { server: registry.example }
ci:
  sharedPaths: ["shared/**"]
stacks:
  go: { sharedPaths: ["docker/go/**"] }
  py: {}
services:
  alpha: { stack: go, repository: example/alpha, paths: ["services/alpha/**"] }
  beta: { stack: go, paths: ["services/beta/**", "libs/common/**"] }
  gamma: { stack: py, paths: ["services/gamma/**", "libs/common/**"] }
  delta: { stack: py, paths: ["services/my space/**"] }
  epsilon: { stack: py, paths: ["services/épsilon/**"] }
environments:
  dev: { tier: nonprod, triggers: [{ branch: develop }] }
`;

const ALL = ["alpha", "beta", "gamma", "delta", "epsilon"];

interface Step {
  sha: string;
  /** The services this commit changes, by hand. */
  services: string[];
  platform?: boolean;
}

describe("ci plan over a generated git history", () => {
  let repo: TestRepo;
  const main: Step[] = [];
  let feature = "";

  before(() => {
    repo = makeRepo();
    const add = (message: string, files: Record<string, string | null>, services: string[], platform = false): void => {
      main.push({ sha: repo.commit(message, files), services, platform });
    };
    add(
      "initial",
      {
        "quikship.yaml": PLATFORM,
        "services/alpha/a.go": "a",
        "services/beta/b.go": "b",
        "services/gamma/g.py": "g",
        "services/my space/x y.txt": "d",
        "services/épsilon/ü.txt": "e",
        "libs/common/c.ts": "c",
        "docker/go/Dockerfile": "FROM scratch",
        "shared/ci.sh": "x",
        "README.md": "readme",
      },
      ALL,
      true,
    );
    add("rename across services", { "services/alpha/a.go": null, "services/beta/a.go": "a" }, ["alpha", "beta"]);
    add("delete", { "services/gamma/g.py": null }, ["gamma"]);
    repo.git("checkout", "-q", "-b", "feature");
    feature = repo.commit("feature: space", { "services/my space/x y.txt": "d2" });
    repo.git("checkout", "-q", "main");
    add("unicode", { "services/épsilon/ü.txt": "e2" }, ["epsilon"]);
    repo.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature");
    main.push({ sha: repo.git("rev-parse", "HEAD").trim(), services: ["delta"] });
    add("shared by a stack", { "docker/go/Dockerfile": "FROM scratch\n" }, ["alpha", "beta"]);
    add("a file of two services", { "libs/common/c.ts": "c2" }, ["beta", "gamma"]);
    add("shared by every service", { "shared/ci.sh": "y" }, ALL);
    add("nobody's file", { "README.md": "more" }, []);
    add("the platform file", { "quikship.yaml": `${PLATFORM}# edited\n` }, [], true);
  });
  after(() => repo.remove());

  const plan = (extra: Partial<PlanOptions>) =>
    makePlan({
      output: "json",
      head: "HEAD",
      services: "changed",
      cwd: repo.dir,
      config: `${repo.dir}/quikship.yaml`,
      ...extra,
    });

  it("selects, for every pair of commits, exactly the services their changes touch", async () => {
    for (let i = 0; i < main.length; i++) {
      for (let j = i + 1; j < main.length; j++) {
        const expected = new Set(main.slice(i + 1, j + 1).flatMap((s) => s.services));
        const result = await plan({ base: main[i]!.sha, head: main[j]!.sha });
        assert.deepEqual(
          result.services.map((s) => s.name),
          ALL.filter((s) => expected.has(s)),
          `commits ${i}..${j}`,
        );
        assert.equal(
          result.platformChanged.length > 0,
          main.slice(i + 1, j + 1).some((s) => s.platform),
          `platform ${i}..${j}`,
        );
      }
    }
  });

  it("compares with the merge base: a branch's plan holds only the branch's changes", async () => {
    const unicode = main[3]!.sha;
    assert.deepEqual(
      (await plan({ base: unicode, head: feature })).services.map((s) => s.name),
      ["delta"],
    );
    assert.deepEqual(
      (await plan({ base: feature, head: unicode })).services.map((s) => s.name),
      ["epsilon"],
    );
  });

  it("counts a rename as its old path and its new one", async () => {
    const result = await plan({ base: main[0]!.sha, head: main[1]!.sha });
    assert.equal(result.changedFiles, 2);
    assert.deepEqual(
      result.services.map((s) => [s.name, "file" in s.reason ? s.reason.file : ""]),
      [
        ["alpha", "services/alpha/a.go"],
        ["beta", "services/beta/a.go"],
      ],
    );
  });

  it("says which glob selected a service, and whose glob it is", async () => {
    const stack = (await plan({ base: main[4]!.sha, head: main[5]!.sha })).services[0]!;
    assert.deepEqual(stack.reason, { file: "docker/go/Dockerfile", glob: "docker/go/**", via: "stack" });
    const shared = (await plan({ base: main[6]!.sha, head: main[7]!.sha })).services[0]!;
    assert.deepEqual(shared.reason, { file: "shared/ci.sh", glob: "shared/**", via: "platform" });
  });

  it("gives an empty matrix, not an error, when nothing of any service changed", async () => {
    const result = await plan({ base: main[7]!.sha, head: main[8]!.sha, branch: "develop" });
    assert.deepEqual(result.matrix, { include: [] });
    assert.deepEqual(result.environments, [{ name: "dev", rule: "branch develop" }]);
  });

  it("plans only its own service in a repository that holds one, still by its paths", async () => {
    const own = await plan({ base: main[0]!.sha, head: main[1]!.sha, repository: "example/alpha" });
    assert.deepEqual(own.repository, { kind: "service", service: "alpha" });
    assert.deepEqual(
      own.services.map((s) => s.name),
      ["alpha"],
    );
    const untouched = await plan({ base: main[1]!.sha, head: main[2]!.sha, repository: "example/alpha" });
    assert.deepEqual(untouched.services, []);
    const other = await plan({ base: main[0]!.sha, head: main[1]!.sha, repository: "example/monorepo" });
    assert.deepEqual(other.repository, { kind: "monorepo" });
  });

  it("builds all services, or the ones named, without a base", async () => {
    assert.equal((await plan({ services: "all" })).matrix.include.length, ALL.length);
    assert.deepEqual(
      (await plan({ services: "gamma,beta" })).services.map((s) => s.name),
      ["gamma", "beta"],
    );
  });

  it("agrees with matching every file of the diff one by one against every glob", () => {
    const { platform } = loadPlatformOrThrow(`${repo.dir}/quikship.yaml`);
    const pool = [
      "services/alpha/a.go",
      "services/alpha",
      "services/beta/deep/x.go",
      "services/gamma/g.py",
      "services/my space/x y.txt",
      "services/épsilon/ü.txt",
      "libs/common/c.ts",
      "libs/commons/c.ts",
      "docker/go/Dockerfile",
      "docker/gone",
      "shared/x",
      "README.md",
    ];
    const globsOf = (name: string): string[] => {
      const s = platform.services[name]!;
      return [...s.paths, ...platform.stacks[s.stack]!.sharedPaths, ...platform.ci.sharedPaths];
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 8 }), (files) => {
        const fast = [...changedServices(platform, files, ALL).keys()];
        const slow = ALL.filter((name) => files.some((f) => globsOf(name).some((g) => referenceMatch(g, f))));
        assert.deepEqual(fast, slow);
      }),
      { numRuns: 500 },
    );
  });
});
