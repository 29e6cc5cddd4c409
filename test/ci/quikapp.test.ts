import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CiPlan } from "../../src/ci/plan.js";
import { cliBundle } from "../support/cli-bundle.js";
import { gitIn, makeRepo } from "./git-repo.js";
import type { TestRepo } from "./git-repo.js";

const GO = ["workspace-service", "channel-service", "search-service", "thread-service", "bookmark-service"];

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function cli(cwd: string, args: string[]): Promise<Result> {
  const child = spawn(process.execPath, [await cliBundle(), ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", GITHUB_REPOSITORY: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

describe("ci plan in a clone of a QuikApp-shaped monorepo", () => {
  let origin: TestRepo;
  let clone: string;
  const scratch = mkdtempSync(join(tmpdir(), "quikship-quikapp-"));

  before(() => {
    origin = makeRepo();
    cpSync("examples/quikapp", origin.dir, { recursive: true });
    const files: Record<string, string> = { "docker/go/Dockerfile": "FROM scratch\n" };
    for (const s of ["auth-service", "user-service", ...GO]) files[`services/${s}/README.md`] = s;
    origin.commit("QuikApp", files);
    origin.commit("auth and the Go Dockerfile", {
      "services/auth-service/src/Main.java": "class Main {}",
      "docker/go/Dockerfile": "FROM scratch\nCOPY app /app\n",
    });
    clone = join(scratch, "clone");
    gitIn(scratch, ["clone", "-q", origin.dir, clone]);
  });
  after(() => {
    origin.remove();
    rmSync(scratch, { recursive: true, force: true });
  });

  const plan = async (args: string[], cwd = clone): Promise<CiPlan> => {
    const result = await cli(cwd, ["ci", "plan", "--base", "HEAD~1", "--output", "json", ...args]);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    return JSON.parse(result.stdout) as CiPlan;
  };

  it("builds auth-service and every Go service, tagged dev on develop", async () => {
    const p = await plan(["--branch", "develop"]);
    const services = p.matrix.include.map((r) => r.service as string);
    assert.equal(services[0], "auth-service");
    const go = services.slice(1);
    assert.equal(go.length, 10);
    for (const s of GO) assert.ok(go.includes(s), s);
    assert.ok(p.matrix.include.every((r) => r.tag === "dev"));
    assert.deepEqual(p.environments, [{ name: "dev", rule: "branch develop" }]);
    const go0 = p.matrix.include[1]!;
    assert.equal(go0.dockerfile, "docker/go/Dockerfile");
    assert.equal(go0.image, `quikapp.azurecr.io/${go0.service as string}:dev`);
    assert.equal(go0.workflow, "go-ci");
    assert.equal(p.workflows["go-ci"]!.count, 10);
  });

  it("tags 1.4.0 for the git tag v1.4.0, and the commit by the commit strategy: {sha} full, {shortSha} 7 characters", async () => {
    const sha = gitIn(clone, ["rev-parse", "HEAD"]).trim();
    assert.equal((await plan(["--git-tag", "v1.4.0"])).tag.tag, "1.4.0");
    assert.equal((await plan(["--branch", "develop", "--tag-strategy", "commit"])).tag.tag, sha);
    const operations = join(clone, "operations.yaml");
    writeFileSync(operations, readFileSync(operations, "utf8").replace('tag: "{sha}"', 'tag: "{shortSha}"'));
    const short = await plan(["--branch", "develop", "--tag-strategy", "commit"]);
    assert.equal(short.tag.tag, sha.slice(0, 7));
    assert.match(short.tag.rule, /commit, any ref → \{shortSha\}/);
  });

  it("prints a short table for people", async () => {
    const result = await cli(clone, ["ci", "plan", "--base", "HEAD~1", "--branch", "develop"]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /tag dev — tags\.rules\[1\]/);
    assert.match(result.stdout, /auth-service +spring-boot +spring-boot-ci +quikapp\.azurecr\.io\/auth-service:dev/);
  });

  it("warns in validate about a glob that matches no file of the repository", async () => {
    const result = await cli(clone, ["validate"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /services\.presence-service\.paths\[0\]: warning: "services\/presence-service\/\*\*" matches no file of the repository/,
    );
    assert.doesNotMatch(result.stderr, /services\.auth-service\.paths/);
    assert.doesNotMatch(result.stderr, /stacks\.go\.sharedPaths/);
  });

  it("refuses bad input with exit 1, and a missing base with exit 2", async () => {
    const unknown = await cli(clone, ["ci", "plan", "--base", "no-such-branch", "--branch", "develop"]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown base "no-such-branch": not a branch, tag or commit/);

    const notRepo = await cli(scratch, ["ci", "plan", "--base", "HEAD~1", "-c", join(clone, "quikship.yaml")]);
    assert.equal(notRepo.code, 1);
    assert.match(notRepo.stderr, /is not in a git repository/);

    const shallow = join(scratch, "shallow");
    gitIn(scratch, ["clone", "-q", "--depth", "1", `file://${origin.dir}`, shallow]);
    const lacking = await cli(shallow, ["ci", "plan", "--base", "HEAD~1", "--branch", "develop"]);
    assert.equal(lacking.code, 1);
    assert.match(lacking.stderr, /shallow: fetch the history it needs \(git fetch --unshallow/);

    const invalid = await cli(clone, ["ci", "plan", "--base", "HEAD~1", "--branch", "feature/a/b"]);
    assert.equal(invalid.code, 1);
    assert.match(invalid.stderr, /gives "feature-a\/b" for branch feature\/a\/b, which is not a valid image tag/);

    const usage = await cli(clone, ["ci", "plan", "--branch", "develop"]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--base is needed/);
  });
});
