import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diagnosticsOf, parseUiLine } from "./ui-events.js";

/** Lines as terraform 1.11 prints them with -json (trimmed of fields quikship does not read). */
const line = (o: object): string => JSON.stringify({ "@level": "info", "@module": "terraform.ui", ...o });

describe("parseUiLine", () => {
  it("types the messages of a plan", () => {
    assert.deepEqual(parseUiLine(line({ type: "version", terraform: "1.11.4", ui: "1.2" })), {
      type: "version",
      terraform: "1.11.4",
      ui: "1.2",
    });
    assert.deepEqual(
      parseUiLine(
        line({ type: "planned_change", change: { resource: { addr: "terraform_data.app" }, action: "create" } }),
      ),
      { type: "planned_change", address: "terraform_data.app", action: "create", reason: undefined },
    );
    assert.deepEqual(
      parseUiLine(
        line({ type: "change_summary", changes: { add: 2, change: 0, import: 0, remove: 1, operation: "plan" } }),
      ),
      { type: "change_summary", changes: { add: 2, change: 0, import: 0, remove: 1, operation: "plan" } },
    );
  });

  it("types apply hooks with the resource they are about", () => {
    const event = parseUiLine(
      line({
        "@message": "terraform_data.app: Creating...",
        type: "apply_start",
        hook: { resource: { addr: "terraform_data.app" }, action: "create" },
      }),
    );
    assert.deepEqual(event, {
      type: "hook",
      hook: "apply_start",
      address: "terraform_data.app",
      message: "terraform_data.app: Creating...",
    });
  });

  it("reads a diagnostic with its file and line", () => {
    const event = parseUiLine(
      line({
        "@level": "error",
        type: "diagnostic",
        diagnostic: {
          severity: "error",
          summary: "Invalid expression",
          detail: "Expected the start of an expression.",
          range: {
            filename: "main.tf",
            start: { line: 6, column: 18, byte: 83 },
            end: { line: 7, column: 1, byte: 84 },
          },
        },
      }),
    );
    assert.deepEqual(diagnosticsOf([event]), [
      {
        severity: "error",
        summary: "Invalid expression",
        detail: "Expected the start of an expression.",
        address: undefined,
        location: { file: "main.tf", line: 6, column: 18 },
      },
    ]);
  });

  it("keeps a message of a type it does not know, and a line that is not JSON", () => {
    assert.deepEqual(parseUiLine(line({ type: "test_run", "@message": "run passed" })), {
      type: "other",
      messageType: "test_run",
      message: "run passed",
    });
    assert.deepEqual(parseUiLine("Successfully configured the backend"), {
      type: "text",
      text: "Successfully configured the backend",
    });
    assert.deepEqual(parseUiLine("[1, 2]"), { type: "text", text: "[1, 2]" });
  });
});
