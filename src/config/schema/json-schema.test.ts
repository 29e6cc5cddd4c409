import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { JSON_SCHEMA_PATH, platformJsonSchema, platformJsonSchemaText } from "./json-schema.js";
import { platformReferenceMarkdown } from "./reference.js";

describe("the generated JSON Schema", () => {
  it("is current: schema/quikship.schema.json equals what the zod schema generates (run `npm run schema` after a change)", () => {
    assert.equal(readFileSync(JSON_SCHEMA_PATH, "utf8"), platformJsonSchemaText());
  });

  it("is current in docs/platform-reference.md too (run `npm run schema` after a change)", () => {
    assert.equal(readFileSync("docs/platform-reference.md", "utf8"), platformReferenceMarkdown());
  });

  it("rejects unknown keys and documents fields, so editors can complete and flag them", () => {
    const schema = platformJsonSchema() as {
      additionalProperties?: boolean;
      properties: Record<string, { description?: string }>;
    };
    assert.equal(schema.additionalProperties, false);
    assert.match(schema.properties.environments?.description ?? "", /ladder/);
    assert.ok(JSON.stringify(schema).includes("America/New_York"), "time zone example present in descriptions");
  });
});
