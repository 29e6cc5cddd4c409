import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { actionOf, driftOf, summarizePlan } from "./changes.js";
import { type ResourceChangeJson, planSchema, resourceChangeSchema } from "./plan-json.js";

function rc(address: string, actions: string[], extra: Record<string, unknown> = {}): ResourceChangeJson {
  const [type = "", name = ""] = address.split(".").slice(-2);
  return resourceChangeSchema.parse({ address, type, name, change: { actions }, ...extra });
}

const plan = (fields: Record<string, unknown>) =>
  planSchema.parse({ format_version: "1.2", terraform_version: "1.11.4", ...fields });

describe("actionOf", () => {
  it("maps terraform's action lists to one action", () => {
    assert.equal(actionOf(rc("a.b", ["create"])), "create");
    assert.equal(actionOf(rc("a.b", ["delete", "create"])), "replace");
    assert.equal(actionOf(rc("a.b", ["create", "delete"])), "replace");
    assert.equal(actionOf(rc("a.b", ["delete"])), "delete");
    assert.equal(actionOf(rc("a.b", ["forget"])), "forget");
    assert.equal(actionOf(rc("a.b", ["no-op"])), null);
    assert.equal(actionOf(rc("a.b", ["no-op"], { previous_address: "a.old" })), "move");
    assert.equal(actionOf(rc("a.b", ["no-op"], { change: { actions: ["no-op"], importing: { id: "x" } } })), "import");
  });
});

describe("summarizePlan", () => {
  it("counts a replacement as one add and one destroy, as terraform does, and leaves no-ops out", () => {
    const summary = summarizePlan(
      plan({
        resource_changes: [
          rc("terraform_data.new", ["create"]),
          rc("terraform_data.swap", ["delete", "create"], { action_reason: "replace_because_cannot_update" }),
          rc("terraform_data.edit", ["update"]),
          rc("terraform_data.gone", ["delete"]),
          rc("terraform_data.same", ["no-op"]),
          rc("data.terraform_remote_state.net", ["read"], { mode: "data" }),
        ],
        output_changes: { url: { actions: ["update"], before_sensitive: false, after_sensitive: false } },
      }),
    );
    assert.deepEqual([summary.add, summary.change, summary.destroy, summary.import], [2, 1, 2, 0]);
    assert.deepEqual(
      summary.resources.map((r) => `${r.action} ${r.address}`),
      [
        "create terraform_data.new",
        "replace terraform_data.swap",
        "update terraform_data.edit",
        "delete terraform_data.gone",
        "read data.terraform_remote_state.net",
      ],
    );
    assert.equal(summary.resources[1]?.reason, "replace_because_cannot_update");
    assert.equal(summary.hasChanges, true);
  });

  it("reports no changes when only data sources are read", () => {
    const summary = summarizePlan(plan({ resource_changes: [rc("data.x.y", ["read"])] }));
    assert.equal(summary.hasChanges, false);
  });
});

describe("driftOf", () => {
  it("is up to date when nothing differs", () => {
    assert.deepEqual(driftOf(plan({ output_changes: { a: { actions: ["no-op"] } } })), { status: "up-to-date" });
  });

  it("names each drifted resource once, with the outputs that changed", () => {
    const report = driftOf(
      plan({
        resource_drift: [rc("module.net.azurerm_subnet.app", ["update"]), rc("azurerm_key_vault.main", ["delete"])],
        resource_changes: [rc("module.net.azurerm_subnet.app", ["update"])],
        output_changes: { subnet_id: { actions: ["update"], before_sensitive: false, after_sensitive: false } },
      }),
    );
    assert.deepEqual(report, {
      status: "drifted",
      resources: [
        { address: "module.net.azurerm_subnet.app", action: "update" },
        { address: "azurerm_key_vault.main", action: "delete" },
      ],
      outputs: [{ name: "subnet_id", action: "update", sensitive: false }],
    });
  });
});
