// Regenerates schema/quikship.schema.json and docs/platform-reference.md from the zod schema (npm run schema).
import { writeFileSync } from "node:fs";
import { JSON_SCHEMA_PATH, platformJsonSchemaText } from "../src/config/schema/json-schema.js";
import { platformReferenceMarkdown } from "../src/config/schema/reference.js";

writeFileSync(JSON_SCHEMA_PATH, platformJsonSchemaText());
writeFileSync("docs/platform-reference.md", platformReferenceMarkdown());
console.log(`wrote ${JSON_SCHEMA_PATH} and docs/platform-reference.md`);
