import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import type { SpawnSyncReturns } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Command } from "commander";
import { PLAN_FLAGS, planArguments } from "../../src/cli/ci-plan-fast.js";
import { buildProgram } from "../../src/cli/main.js";
import { makeRepo } from "../ci/git-repo.js";
import type { TestRepo } from "../ci/git-repo.js";
import { cliBundle } from "../support/cli-bundle.js";
import { quikship } from "./support.js";

const PLATFORM = `version: 1
name: fast
registry: { server: registry.example }
stacks:
  go: {}
services:
  alpha: { stack: go, paths: ["alpha/**"] }
  beta: { stack: go, paths: ["beta/**"] }
environments:
  dev: { tier: nonprod, triggers: [{ branch: main }] }
`;

/** The full program's `ci plan` command. */
function planCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === "ci")!.commands.find((c) => c.name() === "plan")!;
}

/** What the full program reads from `ci plan ARGS`, without running the plan. */
function commanderReads(args: string[]): Record<string, unknown> {
  const program = buildProgram(["node", "quikship", "ci"]);
  let read: Record<string, unknown> | undefined;
  planCommand(program).action((opts: Record<string, unknown>) => {
    read = { ...opts };
  });
  program.parse(["node", "quikship", "ci", "plan", ...args]);
  return read!;
}

describe("ci plan's fast path", () => {
  it("knows every option of the full program's ci plan, with the same choices", () => {
    const plan = planCommand(buildProgram(["node", "quikship", "ci"]));
    const flags = plan.options.flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined));
    assert.deepEqual(Object.keys(PLAN_FLAGS).sort(), flags.sort());
    for (const o of plan.options) {
      const known = PLAN_FLAGS[o.long!]!;
      assert.equal(known.key, o.attributeName(), o.long);
      assert.deepEqual(known.choices, o.argChoices, o.long);
    }
  });

  it("reads plain arguments as the full program does, defaults included", () => {
    const cases = [
      [],
      ["--base", "HEAD~1", "--branch", "main", "--output", "json"],
      ["--base=origin/main", "--head=feature", "-o", "text", "-cplatform/quikship.yaml"],
      ["--git-tag", "v1.4.0", "--tag-strategy", "custom", "--custom-tag", "x", "--sha", "abc"],
      ["--services", "all", "--repository", "acme/app", "--config", "dir"],
      ["-o", "json", "-c", "q.yaml", "--services", "a,b"],
    ];
    for (const args of cases) assert.deepEqual(planArguments(args), commanderReads(args), args.join(" "));
  });

  it("leaves to the full program what it does not read plainly: help, errors, conflicts, repeats", () => {
    for (const args of [
      ["--help"],
      ["-h"],
      ["--base"],
      ["--base", "--branch"],
      ["--output", "yaml"],
      ["--tag-strategy", "newest"],
      ["--branch", "main", "--git-tag", "v1"],
      ["--base", "a", "--base", "b"],
      ["--unknown", "x"],
      ["extra"],
      ["--", "--base"],
    ])
      assert.equal(planArguments(args), undefined, args.join(" "));
  });
});

describe("ci plan through the fast path and through the full program", () => {
  let repo: TestRepo;
  before(() => {
    repo = makeRepo();
    repo.commit("initial", { "quikship.yaml": PLATFORM, "alpha/a": "0", "beta/b": "0" });
    repo.commit("alpha", { "alpha/a": "1" });
  });
  after(() => repo.remove());

  // A repeated option is left to the full program, which takes its last value: the same plan.
  const full = (args: string[]): string[] => [...args, "--head", "HEAD", "--head", "HEAD"];

  it("prints the same plan, text and JSON", () => {
    for (const args of [
      ["--base", "HEAD~1", "--branch", "main", "-o", "json"],
      ["--base", "HEAD~1", "--git-tag", "v1.0.0"],
    ]) {
      const fast = quikship(["ci", "plan", ...args], { cwd: repo.dir });
      const slow = quikship(["ci", "plan", ...full(args)], { cwd: repo.dir });
      assert.equal(fast.code, 0, fast.stderr);
      assert.deepEqual([fast.code, fast.stdout, fast.stderr], [slow.code, slow.stdout, slow.stderr]);
    }
    const plan = JSON.parse(quikship(["ci", "plan", "--base", "HEAD~1", "-o", "json"], { cwd: repo.dir }).stdout) as {
      services: { name: string }[];
    };
    assert.deepEqual(
      plan.services.map((s) => s.name),
      ["alpha"],
    );
  });

  it("fails alike: an unknown ref, and --base missing", () => {
    for (const args of [
      ["--base", "nowhere", "-o", "json"],
      ["--base", "nowhere"],
      ["--branch", "main"],
    ]) {
      const fast = quikship(["ci", "plan", ...args], { cwd: repo.dir });
      const slow = quikship(["ci", "plan", ...full(args)], { cwd: repo.dir });
      assert.notEqual(fast.code, 0);
      assert.deepEqual([fast.code, fast.stdout, fast.stderr], [slow.code, slow.stdout, slow.stderr]);
    }
  });
});

/** What a plain `ci plan` runs: the entry point, the plan's bundle, its two code caches and their writer. */
const PLAN_FILES = ["quikship.cjs", "ci-plan.cjs", "ci-plan.cjs.read.v8", "ci-plan.cjs.kept.v8", "plan-code-cache.cjs"];

describe("ci plan's own bundle", () => {
  let repo: TestRepo;
  let built: string;
  let only: string;
  let cache: string;
  before(async () => {
    repo = makeRepo();
    repo.commit("initial", { "quikship.yaml": PLATFORM, "alpha/a": "0", "beta/b": "0" });
    repo.commit("alpha", { "alpha/a": "1" });
    writeFileSync(join(repo.dir, "broken.yaml"), PLATFORM.replace('stack: go, paths: ["beta/**"]', "stack: rust"));
    // The cron check loads its library from node_modules the first time it is needed.
    writeFileSync(
      join(repo.dir, "cron.yaml"),
      `${PLATFORM}    windows:\n      timezone: US/Eastern\n      weekly: [{ days: [mon], from: "09:00", to: "16:00" }]\n      freezes: [{ name: Christmas, cron: "0 0 32 12 *", duration: 24h }]\n`.replace(
        "dev: { tier: nonprod, triggers: [{ branch: main }] }",
        "dev:\n    tier: nonprod\n    triggers: [{ branch: main }]",
      ),
    );
    // The entry point, ci-plan.cjs and its code caches, and nothing of the full program's bundle
    // (inside the checkout, so the external modules resolve).
    built = dirname(await cliBundle());
    only = resolve(`test-output/plan-bundle-${process.pid}`);
    mkdirSync(only, { recursive: true });
    for (const file of PLAN_FILES) copyFileSync(join(built, file), join(only, file));
    cache = mkdtempSync(join(tmpdir(), "quikship-plan-cache-"));
  });
  after(() => {
    repo.remove();
    rmSync(only, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  /** `ci plan ARGS` from the trimmed bundle. */
  const plan = (args: string[]): SpawnSyncReturns<string> =>
    spawnSync(process.execPath, [join(only, "quikship.cjs"), "ci", "plan", ...args], {
      cwd: repo.dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", QUIKSHIP_CONFIG: "", XDG_CACHE_HOME: cache },
    });

  /**
   * For each code cache of the bundle in `dir`: its use, its size, whether this Node rejects it.
   * Compiled as the entry point compiles the bundle (src/cli/code-cache.ts), in a Node without
   * options, one process per cache (V8 reuses code it compiled from the same source in a process).
   */
  function codeCaches(dir: string): [string, number, string][] {
    const check = `const { readFileSync } = require("node:fs");
      const { Script } = require("node:vm");
      const [file, use] = process.argv.slice(1);
      const cachedData = readFileSync(file + "." + use + ".v8");
      const script = new Script(require("node:module").wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
      console.log(cachedData.length, script.cachedDataRejected);`;
    return ["read", "kept"].map((use) => {
      const r = spawnSync(process.execPath, ["-e", check, join(dir, "ci-plan.cjs"), use], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      const [size, rejected] = r.stdout.trim().split(" ");
      return [use, Number(size), rejected!];
    });
  }

  it("ships code caches this Node accepts, for reading the platform and for a cached one", () => {
    const [read, kept] = codeCaches(built);
    assert.deepEqual([read![0], read![2], kept![0], kept![2]], ["read", "false", "kept", "false"]);
    // The cache for reading holds the reader's code, compiled by the build's warm-up; the other does not.
    assert.ok(read![1] > 2 * kept![1], `read ${read![1]} bytes, kept ${kept![1]} bytes`);
  });

  it("writes its code caches again for the Node that installs it (npm's postinstall)", () => {
    for (const use of ["read", "kept"]) writeFileSync(join(only, `ci-plan.cjs.${use}.v8`), "another Node's cache");
    assert.deepEqual(
      codeCaches(only).map(([, , rejected]) => rejected),
      ["true", "true"],
    );
    const r = spawnSync(process.execPath, [join(only, "plan-code-cache.cjs")], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      codeCaches(only).map(([use, , rejected]) => [use, rejected]),
      [
        ["read", "false"],
        ["kept", "false"],
      ],
    );
  });

  it("plans without the full program's chunks: reading the platform, then from the cache", () => {
    for (const call of ["first", "second"]) {
      const r = plan(["--base", "HEAD~1", "-o", "json"]);
      assert.equal(r.status, 0, `${call} call: ${r.stderr}`);
      const services = (JSON.parse(r.stdout) as { services: { name: string }[] }).services.map((s) => s.name);
      assert.deepEqual(services, ["alpha"], `${call} call`);
      assert.equal(readdirSync(join(cache, "quikship", "platforms")).length, 1, `${call} call: one cache entry`);
    }
  });

  it("fails as the full program does on a platform with an error (a bad cron expression too) and on an unknown ref", () => {
    for (const args of [
      ["--base", "HEAD~1", "-c", "broken.yaml"],
      ["--base", "HEAD~1", "-c", "broken.yaml", "-o", "json"],
      ["--base", "HEAD~1", "-c", "cron.yaml"],
      ["--base", "nowhere"],
    ]) {
      const fast = plan(args);
      const full = quikship(["ci", "plan", ...args, "--head", "HEAD", "--head", "HEAD"], { cwd: repo.dir });
      assert.notEqual(fast.status, 0, args.join(" "));
      assert.deepEqual([fast.status, fast.stdout, fast.stderr], [full.code, full.stdout, full.stderr], args.join(" "));
      // The alias time zone passes; the cron expression is the one error.
      if (args.includes("cron.yaml"))
        assert.match(
          fast.stderr,
          /1 error:\n.*freezes\[0\]\.cron: invalid cron expression "0 0 32 12 \*": day-of-month must be 1-31/,
        );
    }
  });
});
