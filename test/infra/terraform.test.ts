import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { InputError, UnavailableError } from "../../src/errors.js";
import { TerraformError } from "../../src/infra/terraform/errors.js";
import { planMarkdown } from "../../src/infra/terraform/markdown.js";
import type { UiEvent } from "../../src/infra/terraform/ui-events.js";
import { checkVersion } from "../../src/infra/terraform/version.js";
import { FIXTURES, type Workspace, requireTerraform, workspace, writeText } from "./support.js";

const TOKEN = "tok-3f9a1c-never-shown";

describe("the terraform wrapper with the real terraform", () => {
  let ws: Workspace;
  let external: string;
  const vars = (extra: Record<string, string | boolean> = {}): string =>
    ws.varFile("dev", { name: "dev", token: TOKEN, external_file: external, ...extra });

  before(async () => {
    requireTerraform();
    ws = workspace(join(FIXTURES, "basic"));
    external = join(ws.root, "external.txt");
    writeText(external, "one\n");
    await ws.terraform().init({ kind: "local", path: ws.statePath });
  });
  after(() => ws.cleanup());

  it("reads the binary's version as JSON and compares it with the platform's", async () => {
    const { version } = await ws.terraform().version();
    assert.match(version, /^\d+\.\d+\.\d+/);
    assert.equal(checkVersion(version, version, true).outcome, "ok");
    const mismatch = checkVersion("1.5.7", version, false);
    assert.equal(mismatch.outcome, "mismatch");
    assert.throws(() => checkVersion("1.5.7", version, true), InputError);
  });

  it("plans with the variables file, streaming typed events, and saves a plan whose secrets are redacted", async () => {
    const events: UiEvent[] = [];
    const tf = ws.terraform();
    const planned = await tf.plan({ out: ws.planFile("first"), varFile: vars(), onEvent: (e) => events.push(e) });
    assert.equal(planned.exit, "changes");
    assert.deepEqual(planned.counts, { add: 2, change: 0, remove: 0, import: 0, operation: "plan" });
    assert.equal(events[0]?.type, "version");
    const creates = events.flatMap((e) => (e.type === "planned_change" ? [`${e.action} ${e.address}`] : []));
    assert.deepEqual(creates.sort(), ["create terraform_data.app", "create terraform_data.replica"]);

    const shown = await tf.show(ws.planFile("first"));
    assert.deepEqual(shown.summary.resources.map((r) => `${r.action} ${r.address}`).sort(), [
      "create terraform_data.app",
      "create terraform_data.replica",
    ]);
    assert.equal(shown.summary.add, 2);
    assert.deepEqual(
      shown.summary.outputs.find((o) => o.name === "token"),
      { name: "token", action: "create", sensitive: true },
    );
    const markdown = planMarkdown({ environment: "dev", summary: shown.summary });
    assert.match(markdown, /\*\*2 to add, 0 to change, 0 to destroy\.\*\*/);
    assert.match(markdown, /`terraform_data\.app`/);
    for (const text of [JSON.stringify(shown.plan), JSON.stringify(events), markdown])
      assert.ok(!text.includes(TOKEN), "the sensitive variable leaked");
    assert.ok(shown.secrets.scrub(`token=${TOKEN}`).endsWith("(sensitive value)"));
  });

  it("applies exactly the saved plan, then reports no changes, and reads outputs without the sensitive value", async () => {
    const tf = ws.terraform();
    const applied = await tf.apply(ws.planFile("first"));
    assert.deepEqual(applied.counts, { add: 2, change: 0, remove: 0, import: 0, operation: "apply" });
    const outputs = await tf.outputs();
    assert.deepEqual(outputs.name, { sensitive: false, type: "string", value: "dev" });
    assert.deepEqual(outputs.token, { sensitive: true, type: "string" });
    assert.ok(!JSON.stringify(outputs).includes(TOKEN));
    const again = await tf.plan({ out: ws.planFile("again"), varFile: vars() });
    assert.equal(again.exit, "no-changes");
  });

  it("refuses to apply a saved plan once a newer one was applied (stale)", async () => {
    const tf = ws.terraform();
    await tf.plan({ out: ws.planFile("older"), varFile: vars({ name: "older" }) });
    await tf.plan({ out: ws.planFile("newer"), varFile: vars({ name: "newer" }) });
    await tf.apply(ws.planFile("newer"));
    await assert.rejects(tf.apply(ws.planFile("older")), (error: unknown) => {
      assert.ok(error instanceof TerraformError);
      assert.match(error.message, /Saved plan is stale/);
      return true;
    });
    await tf.apply(await planTo(tf, ws.planFile("back"), vars()));
  });

  it("finds drift made behind terraform's back, and not unapplied changes to the variables", async () => {
    const tf = ws.terraform();
    const clean = await tf.drift({ out: ws.planFile("drift-0"), varFile: vars({ name: "changed-not-applied" }) });
    assert.deepEqual(clean.report, { status: "up-to-date" });
    writeText(external, "two\n");
    const drifted = await tf.drift({ out: ws.planFile("drift-1"), varFile: vars() });
    assert.deepEqual(drifted.report, {
      status: "drifted",
      resources: [],
      outputs: [{ name: "external", action: "update", sensitive: false }],
    });
    assert.ok(!JSON.stringify(drifted.plan.plan).includes(TOKEN));
    writeText(external, "one\n");
  });

  it("fails a plan on a chosen variable with terraform's diagnostic at its file and line", async () => {
    await assert.rejects(ws.terraform().plan({ out: ws.planFile("fail"), varFile: vars({ fail: true }) }), (error) => {
      assert.ok(error instanceof TerraformError);
      const [diagnostic] = error.diagnostics;
      assert.equal(diagnostic?.summary, "Resource precondition failed");
      assert.equal(diagnostic?.detail, "The plan was asked to fail (fail = true).");
      assert.deepEqual(diagnostic?.location, { file: "main.tf", line: 31, column: 23 });
      assert.match(
        error.message,
        /^terraform plan failed \(exit 1\):\nmain\.tf:31:23: error: Resource precondition failed/,
      );
      return true;
    });
  });

  it("names each missing variable with the place it is declared", async () => {
    const missing = ws.varFile("partial", { name: "dev" });
    await assert.rejects(ws.terraform().plan({ out: ws.planFile("partial"), varFile: missing }), (error) => {
      assert.ok(error instanceof TerraformError);
      // terraform reports missing variables in no fixed order.
      const found = error.diagnostics.map((d) => `${d.summary} ${d.location?.file}:${d.location?.line}`).sort();
      assert.deepEqual(found, [
        "No value for required variable main.tf:11",
        "No value for required variable main.tf:22",
      ]);
      return true;
    });
  });

  it("destroys what it applied", async () => {
    const tf = ws.terraform();
    const destroyed = await tf.destroy({ varFile: vars() });
    assert.deepEqual(destroyed.counts, { add: 0, change: 0, remove: 2, import: 0, operation: "destroy" });
    assert.deepEqual(await tf.outputs(), {});
  });
});

async function planTo(tf: ReturnType<Workspace["terraform"]>, out: string, varFile: string): Promise<string> {
  await tf.plan({ out, varFile });
  return out;
}

describe("the terraform wrapper on bad input", () => {
  before(requireTerraform);

  it("shows a syntax error's diagnostic with its file and line", async () => {
    const ws = workspace(join(FIXTURES, "broken"));
    try {
      await assert.rejects(ws.terraform().init({ kind: "local", path: ws.statePath }), (error) => {
        assert.ok(error instanceof TerraformError);
        assert.equal(error.kind, "step-failed");
        assert.match(error.message, /main\.tf:6:\d+: error: Invalid expression/);
        assert.equal(error.diagnostics[0]?.location?.line, 6);
        return true;
      });
    } finally {
      ws.cleanup();
    }
  });

  it("refuses a missing working directory as bad input", async () => {
    const ws = workspace(join(FIXTURES, "broken"));
    try {
      const tf = ws.terraform({ workingDir: join(ws.root, "no-such-dir") });
      await assert.rejects(tf.plan({ out: ws.planFile("x") }), (error) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, /no-such-dir does not exist/);
        return true;
      });
    } finally {
      ws.cleanup();
    }
  });

  it("says plainly when the binary is missing", async () => {
    const ws = workspace(join(FIXTURES, "broken"));
    try {
      await assert.rejects(ws.terraform({ binary: join(ws.root, "no-terraform") }).version(), (error) => {
        assert.ok(error instanceof UnavailableError);
        assert.match(error.message, /no-terraform" was not found/);
        return true;
      });
    } finally {
      ws.cleanup();
    }
  });
});
