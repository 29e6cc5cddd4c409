import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { planMarkdown } from "../../src/infra/terraform/markdown.js";
import { checkVersion } from "../../src/infra/terraform/version.js";
import { type Workspace, requireTerraform, workspace } from "./support.js";

const QUIKAPP = join(import.meta.dirname, "..", "..", "examples", "quikapp");

describe("the QuikApp example module with the platform's terraform block", () => {
  let platform: Platform;
  let ws: Workspace;

  before(() => {
    requireTerraform();
    platform = loadPlatformOrThrow(join(QUIKAPP, "quikship.yaml")).platform;
    const terraform = platform.terraform;
    assert.ok(terraform, "the QuikApp platform has a terraform block");
    ws = workspace(join(QUIKAPP, terraform.workingDirectory));
  });
  after(() => ws?.cleanup());

  it("plans and applies dev with dev's variables over a local backend override", async () => {
    const variables = platform.terraform?.environments.dev?.variables;
    assert.ok(variables, "dev has terraform variables");
    const tf = ws.terraform();
    await tf.init({ kind: "local", path: ws.statePath });
    const varFile = ws.varFile("dev", variables);
    const planned = await tf.plan({ out: ws.planFile("dev"), varFile });
    assert.equal(planned.exit, "changes");
    const shown = await tf.show(ws.planFile("dev"));
    assert.deepEqual(shown.summary.resources.map((r) => r.address).sort(), [
      "terraform_data.acr",
      "terraform_data.aks",
      "terraform_data.key_vault",
      "terraform_data.log_analytics",
      "terraform_data.resource_group",
    ]);
    assert.match(planMarkdown({ environment: "dev", summary: shown.summary }), /5 to add, 0 to change, 0 to destroy/);
    await tf.apply(ws.planFile("dev"));
    const outputs = await tf.outputs();
    assert.deepEqual(outputs.aks_cluster_name, { sensitive: false, type: "string", value: "aks-quikapp-dev" });
    assert.deepEqual(outputs.registry_token, { sensitive: true, type: "string" });
  });

  it("warns that the platform's terraform version differs from the binary's", async () => {
    const { version } = await ws.terraform().version();
    const check = checkVersion(platform.terraform?.version, version, false);
    assert.equal(check.outcome, version.startsWith("1.5.7") ? "ok" : "mismatch");
  });
});
