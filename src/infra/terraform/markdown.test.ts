import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PlanSummary } from "./changes.js";
import { planMarkdown } from "./markdown.js";

const empty: PlanSummary = {
  add: 0,
  change: 0,
  destroy: 0,
  import: 0,
  resources: [],
  outputs: [],
  drift: [],
  hasChanges: false,
  errored: false,
};

describe("planMarkdown", () => {
  it("lists each resource with its action, and names sensitive outputs without values", () => {
    const markdown = planMarkdown({
      environment: "staging",
      revision: "4869d80",
      summary: {
        ...empty,
        add: 1,
        destroy: 1,
        change: 1,
        hasChanges: true,
        resources: [
          { address: "terraform_data.cluster", action: "replace" },
          { address: 'terraform_data.zone["a|b"]', action: "update" },
        ],
        outputs: [{ name: "registry_token", action: "create", sensitive: true }],
      },
    });
    assert.equal(
      markdown,
      [
        "### Terraform plan for `staging` of `4869d80`",
        "",
        "**1 to add, 1 to change, 1 to destroy.**",
        "",
        "| action | resource |",
        "| --- | --- |",
        "| ♻️ replace | `terraform_data.cluster` |",
        '| ✏️ update | `terraform_data.zone["a\\|b"]` |',
        "",
        "<details><summary>Outputs</summary>",
        "",
        "- `registry_token`: create (sensitive)",
        "",
        "</details>",
        "",
      ].join("\n"),
    );
  });

  it("says there are no changes, and shows drift and warnings", () => {
    const markdown = planMarkdown({
      environment: "dev",
      summary: {
        ...empty,
        drift: [{ address: "terraform_data.app", action: "update" }],
      },
      diagnostics: [
        {
          severity: "warning",
          summary: "Deprecated attribute",
          detail: "Use x.",
          address: undefined,
          location: { file: "main.tf", line: 3, column: 1 },
        },
        { severity: "error", summary: "not shown here", detail: "", address: undefined, location: undefined },
      ],
    });
    assert.match(markdown, /\*\*No changes\.\*\*/);
    assert.match(markdown, /\*\*Changed outside Terraform:\*\*\n\n- `terraform_data\.app`: update/);
    assert.match(markdown, /- main\.tf:3:1: warning: Deprecated attribute: Use x\./);
    assert.doesNotMatch(markdown, /not shown here/);
  });

  it("warns when the plan errored", () => {
    assert.match(planMarkdown({ environment: "dev", summary: { ...empty, errored: true } }), /\[!CAUTION\]/);
  });
});
