import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { BuildManifest } from "../../src/ci/manifest.js";
import { cliBundle } from "../support/cli-bundle.js";
import { startRegistry } from "../support/registry.js";
import type { TestRegistry } from "../support/registry.js";
import { makeRepo } from "./git-repo.js";
import type { TestRepo } from "./git-repo.js";

function platform(registry: string): string {
  return `version: 1
name: build
registry: { server: "${registry}" }
stacks:
  tiny:
    dockerfile: docker/tiny/Dockerfile
    build:
      workdir: services/{service}
      lint: test -s hello.txt
      test: ["grep -q hello hello.txt", "echo testing {service}"]
      build: echo "{service} {tag}" > build-info.txt
      image: { context: "services/{service}" }
      scan: test -n "{image}"
  broken:
    dockerfile: docker/tiny/Dockerfile
    build:
      workdir: services/{service}
      test: "echo the test found a bug >&2; exit 3"
      push: false
services:
  hello: { stack: tiny, paths: ["services/hello/**"] }
  flaky: { stack: broken, paths: ["services/flaky/**"] }
environments:
  dev: { tier: nonprod, triggers: [{ branch: develop }] }
`;
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe("ci build on this machine (buildah, a real registry)", () => {
  let registry: TestRegistry;
  let repo: TestRepo;
  let storage: string;

  before(async () => {
    registry = await startRegistry();
    repo = makeRepo();
    storage = mkdtempSync(join(tmpdir(), "quikship-buildah-"));
    writeFileSync(
      join(storage, "storage.conf"),
      `[storage]\ndriver = "vfs"\ngraphroot = "${storage}/graph"\nrunroot = "${storage}/run"\n`,
    );
    repo.commit("initial", {
      "quikship.yaml": platform(registry.host),
      "docker/tiny/Dockerfile": "FROM scratch\nCOPY hello.txt /hello.txt\n",
      "services/hello/hello.txt": "hello\n",
      "services/flaky/hello.txt": "flaky\n",
    });
  });
  after(async () => {
    await registry.stop();
    repo.remove();
    rmSync(storage, { recursive: true, force: true });
  });

  async function cli(args: string[]): Promise<Result> {
    const child = spawn(process.execPath, [await cliBundle(), ...args], {
      cwd: repo.dir,
      env: {
        ...process.env,
        NO_COLOR: "1",
        QUIKSHIP_IMAGE_BUILDER: "buildah",
        CONTAINERS_STORAGE_CONF: join(storage, "storage.conf"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
  }

  it("runs the steps in order, pushes a FROM scratch image and records the digest the registry holds", async () => {
    const result = await cli(["ci", "build", "hello", "--branch", "develop", "--push", "--manifest", "m.json"]);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    const manifest = JSON.parse(readFileSync(join(repo.dir, "m.json"), "utf8")) as BuildManifest;
    const sha = repo.git("rev-parse", "HEAD").trim();
    assert.equal(manifest.service, "hello");
    assert.equal(manifest.tag, sha, "no tag rules: the commit");
    assert.equal(manifest.image, `${registry.host}/hello:${sha}`);
    assert.equal(manifest.commit, sha);
    assert.deepEqual(manifest.source, { branch: "develop" });
    assert.equal(manifest.builder, "buildah");
    assert.deepEqual(
      manifest.steps.map((s) => `${s.step}:${s.status}`),
      [
        "setup:skipped",
        "cache:skipped",
        "install:skipped",
        "lint:done",
        "test:done",
        "build:done",
        "image:done",
        "scan:done",
        "push:done",
      ],
    );
    assert.equal(readFileSync(join(repo.dir, "services/hello/build-info.txt"), "utf8"), `hello ${sha}\n`);
    const response = await fetch(`${registry.url}/v2/hello/manifests/${sha}`, {
      method: "HEAD",
      headers: {
        accept: "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json",
      },
    });
    assert.equal(response.status, 200);
    assert.equal(manifest.digest, response.headers.get("docker-content-digest"));
  });

  it("stops at the first failing step with its output, exit 1, and writes no manifest", async () => {
    const result = await cli(["ci", "build", "flaky", "--tag", "t1", "--manifest", "flaky.json"]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /test: `sh -c echo the test found a bug >&2; exit 3` exited 3/);
    assert.match(result.stderr, /the test found a bug/);
    assert.equal(existsSync(join(repo.dir, "flaky.json")), false);
  });

  it("refuses --push for a stack that does not push, before any step runs", async () => {
    const result = await cli(["ci", "build", "flaky", "--tag", "t2", "--push", "--manifest", "flaky.json"]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /--push: the broken stack does not push its images \(build.push: false/);
    assert.doesNotMatch(result.stderr, /the test found a bug/);
    assert.equal(existsSync(join(repo.dir, "flaky.json")), false);
  });

  it("refuses an unknown step to skip as a usage error", async () => {
    const result = await cli(["ci", "build", "hello", "--skip", "tests"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown step "tests"/);
  });
});
