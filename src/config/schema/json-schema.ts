import * as z from "zod";
import { writtenPlatform } from "./platform.js";

/** The JSON Schema of the platform file, for editors (yaml-language-server) and other tools. */
export function platformJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(writtenPlatform, { io: "input", target: "draft-7", unrepresentable: "any" });
  return { ...schema, title: "quikship platform file", $id: "https://quikship.dev/schema/quikship.schema.json" };
}

export const JSON_SCHEMA_PATH = "schema/quikship.schema.json";

export function platformJsonSchemaText(): string {
  return `${JSON.stringify(platformJsonSchema(), null, 2)}\n`;
}
