// Regenerates schema/quikship.schema.json from the zod schema (npm run schema).
import { writeFileSync } from "node:fs";
import { JSON_SCHEMA_PATH, platformJsonSchemaText } from "../src/config/schema/json-schema.js";

writeFileSync(JSON_SCHEMA_PATH, platformJsonSchemaText());
console.log(`wrote ${JSON_SCHEMA_PATH}`);
