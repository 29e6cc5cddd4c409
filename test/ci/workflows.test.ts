import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { convertWorkflowTemplate, isScalar, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import type { WorkflowTemplate } from "@actions/workflow-parser";
import { renderWorkflows } from "../../src/ci/workflows.js";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import { yaml } from "../../src/config/yaml-lib.js";

const COMMITTED = "examples/quikapp/.github/workflows";

interface RunStep {
  name: string;
  if: string;
  env: Record<string, string>;
  run: string;
}

/** A job's steps as GitHub reads them: name, condition, environment and script. */
function runSteps(template: WorkflowTemplate): RunStep[] {
  const job = template.jobs[0]!;
  assert.ok(job.type === "job");
  return job.steps.map((step) => {
    const env: Record<string, string> = {};
    if ("env" in step && step.env !== undefined)
      for (const pair of step.env) if (isScalar(pair.value)) env[pair.key.toString()] = pair.value.toString();
    return {
      name: step.name?.toString() ?? "",
      if: step.if?.expression ?? "",
      env,
      run: "run" in step ? step.run.toString() : "",
    };
  });
}

/** A platform of two stacks sharing one workflow, only one of them scanning with Trivy. */
const MIXED = `version: 1
name: mixed
registry:
  server: registry.example
  credentials: { username: ci, password: { secret: "env:REGISTRY_TOKEN" } }
stacks:
  node:
    port: 3000
    ciWorkflow: apps-ci.yml
    build: { scan: "trivy image --exit-code 0 {image}" }
  static:
    port: 8080
    ciWorkflow: apps-ci.yml
    build: { build: make }
services:
  web: { stack: node }
  docs: { stack: static }
environments:
  dev: { tier: nonprod }
`;

async function parse(name: string, content: string): Promise<WorkflowTemplate> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  assert.deepEqual(errors, [], `${name} does not parse`);
  const template = await convertWorkflowTemplate(result.context, result.value!);
  assert.deepEqual(template.errors ?? [], [], `${name} does not convert`);
  return template;
}

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function writePlatform(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "quikship-workflows-"));
  dirs.push(dir);
  writeFileSync(join(dir, "quikship.yaml"), text);
  return dir;
}

describe("generated GitHub Actions workflows", () => {
  const { platform } = loadPlatformOrThrow("examples/quikapp");
  const files = renderWorkflows(platform, { platformPath: "quikship.yaml" }, yaml());

  it("are one entry workflow and one per stack family of the reference platform", () => {
    assert.deepEqual(Object.keys(files).sort(), [
      "elixir-ci.yml",
      "go-ci.yml",
      "nestjs-ci.yml",
      "python-ci.yml",
      "python-ml-ci.yml",
      "quikship-ci.yml",
      "spring-boot-ci.yml",
    ]);
  });

  it("parse with GitHub's workflow parser, without an error", async () => {
    for (const [name, content] of Object.entries(files)) await parse(name, content);
  });

  it("are checked by a parser that does refuse a broken workflow", () => {
    const broken = files["go-ci.yml"]!.replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    stratgy: {}");
    const result = parseWorkflow({ name: "broken.yml", content: broken }, new NoOperationTraceWriter());
    assert.ok(result.context.errors.getErrors().length > 0);
  });

  it("run quikship ci plan in their first job, then call each family's workflow with its part of the matrix", async () => {
    const entry = await parse("quikship-ci.yml", files["quikship-ci.yml"]!);
    const first = entry.jobs[0]!;
    assert.equal(first.id.value, "plan");
    assert.ok(first.type === "job", "the first job runs steps, not another workflow");
    const runs = first.steps.map((step) => ("run" in step ? step.run.toString() : ""));
    assert.ok(
      runs.some((run) => /^ *quikship ci plan "\$@" --output json/m.test(run)),
      "a step of the first job runs quikship ci plan",
    );
    assert.match(files["quikship-ci.yml"]!, /uses: \.\/\.github\/workflows\/go-ci\.yml/);
    assert.match(files["quikship-ci.yml"]!, /workflows\['go-ci'\]\.matrix/);
    const go = files["go-ci.yml"]!;
    assert.match(go, /matrix: \$\{\{ fromJSON\(inputs\.matrix\) \}\}/);
    assert.match(go, /uses: actions\/setup-go@v5/);
    assert.match(go, /quikship ci build "\$@"/);
    assert.match(go, /quikship ci notify --manifest build-manifest.json/);
  });

  it("after the push, store the pushed digest's scan report, sign it and attach its provenance, all before quikship is notified", async () => {
    const steps = runSteps(await parse("go-ci.yml", files["go-ci.yml"]!));
    const names = steps.map((s) => s.name);
    const at = (name: string) => {
      const i = names.indexOf(name);
      assert.notEqual(i, -1, `no step "${name}" in ${names.join(", ")}`);
      return i;
    };
    const build = at("Install, lint, test, build, image, scan, push");
    const digest = at("The pushed digest");
    const scan = at("Scan the pushed digest and store the report with quikship");
    const sign = at("Sign the pushed digest");
    const attest = at("Attach its SLSA provenance");
    const notify = at("Notify quikship");
    assert.deepEqual(
      [build, digest, scan, sign, attest, notify],
      [...[build, digest, scan, sign, attest, notify]].sort((a, b) => a - b),
    );
    for (const i of [digest, scan, sign, attest])
      assert.equal(steps[i]!.if, "success() && (inputs.push && matrix.push)", names[i]);

    assert.match(steps[digest]!.run, /jq -r \.digest build-manifest\.json/);
    assert.match(steps[scan]!.run, /trivy image --format json --output trivy\.json "\$\{IMAGE%:\*\}@\$DIGEST"/);
    assert.match(steps[scan]!.run, /quikship ci scan-report --service "\$SERVICE" --digest "\$DIGEST" trivy\.json/);
    assert.equal(steps[scan]!.env.DIGEST, "${{ steps.pushed.outputs.digest }}");
    assert.equal(steps[scan]!.env.QUIKSHIP_TOKEN, "${{ secrets.QUIKSHIP_TOKEN }}");
    assert.match(
      steps[sign]!.run,
      /^quikship ci sign "\$SERVICE" --digest "\$DIGEST" --key env:COSIGN_KEY --key-password env:COSIGN_PASSWORD$/,
    );
    assert.equal(steps[sign]!.env.DIGEST, "${{ steps.pushed.outputs.digest }}");
    assert.match(steps[attest]!.run, /^quikship ci attest --manifest build-manifest\.json --key env:COSIGN_KEY/);
    for (const i of [sign, attest]) {
      assert.equal(steps[i]!.env.COSIGN_KEY, "${{ secrets.COSIGN_KEY }}");
      assert.equal(steps[i]!.env.COSIGN_PASSWORD, "${{ secrets.COSIGN_PASSWORD }}");
    }
  });

  it("log in, push and notify quikship only for what is pushed: a pull request or a stack with push: false only builds", async () => {
    const mixed = renderWorkflows(
      loadPlatformOrThrow(writePlatform(MIXED.replace("build: { build: make }", "build: { build: make, push: false }")))
        .platform,
      { platformPath: "quikship.yaml" },
      yaml(),
    );
    const steps = runSteps(await parse("apps-ci.yml", mixed["apps-ci.yml"]!));
    const step = (name: string) => {
      const found = steps.find((s) => s.name === name);
      assert.ok(found, `no step "${name}"`);
      return found;
    };
    assert.equal(step("Notify quikship").if, "success() && (inputs.push && matrix.push)");
    assert.equal(step("Log in to the registry").if, "success() && (inputs.push && matrix.push)");
    assert.equal(step("Install, lint, test, build, image, scan, push").env.PUSH, "${{ inputs.push && matrix.push }}");
  });

  it("scan only the stacks that scan with Trivy, and give sign and attest the registry credential's secret", async () => {
    const mixed = renderWorkflows(
      loadPlatformOrThrow(writePlatform(MIXED)).platform,
      { platformPath: "quikship.yaml" },
      yaml(),
    );
    const steps = runSteps(await parse("apps-ci.yml", mixed["apps-ci.yml"]!));
    const scan = steps.find((s) => s.name === "Scan the pushed digest and store the report with quikship")!;
    assert.equal(scan.if, `success() && (inputs.push && matrix.push && contains(fromJSON('["node"]'), matrix.stack))`);
    for (const name of ["Sign the pushed digest", "Attach its SLSA provenance"])
      assert.equal(steps.find((s) => s.name === name)!.env.REGISTRY_TOKEN, "${{ secrets.REGISTRY_TOKEN }}", name);
    assert.equal(scan.env.REGISTRY_TOKEN, undefined, "the scan report goes to quikship, not to the registry");

    const unscanned = renderWorkflows(
      loadPlatformOrThrow(
        writePlatform(MIXED.replace('build: { scan: "trivy image --exit-code 0 {image}" }', "build: { build: make }")),
      ).platform,
      { platformPath: "quikship.yaml" },
      yaml(),
    );
    assert.doesNotMatch(unscanned["apps-ci.yml"]!, /scan-report|trivy/);
    assert.match(unscanned["apps-ci.yml"]!, /quikship ci sign/);
  });

  it("are committed in the reference platform as generated now (run quikship ci workflows to refresh them)", () => {
    const committed = readdirSync(COMMITTED).sort();
    assert.deepEqual(committed, Object.keys(files).sort());
    for (const name of committed) {
      assert.equal(readFileSync(join(COMMITTED, name), "utf8"), files[name], `${name} is stale`);
    }
  });
});
