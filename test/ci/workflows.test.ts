import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import type { WorkflowTemplate } from "@actions/workflow-parser";
import { renderWorkflows } from "../../src/ci/workflows.js";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import { yaml } from "../../src/config/yaml-lib.js";

const COMMITTED = "examples/quikapp/.github/workflows";

async function parse(name: string, content: string): Promise<WorkflowTemplate> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  assert.deepEqual(errors, [], `${name} does not parse`);
  const template = await convertWorkflowTemplate(result.context, result.value!);
  assert.deepEqual(template.errors ?? [], [], `${name} does not convert`);
  return template;
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

  it("are committed in the reference platform as generated now (run quikship ci workflows to refresh them)", () => {
    const committed = readdirSync(COMMITTED).sort();
    assert.deepEqual(committed, Object.keys(files).sort());
    for (const name of committed) {
      assert.equal(readFileSync(join(COMMITTED, name), "utf8"), files[name], `${name} is stale`);
    }
  });
});
