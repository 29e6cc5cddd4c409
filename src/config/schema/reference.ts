import { platformJsonSchema } from "./json-schema.js";

/** docs/platform-reference.md, generated from the schema's descriptions so it cannot drift from the code. */

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  propertyNames?: JsonSchema;
}

interface Row {
  path: string;
  type: string;
  required: boolean;
  default: string;
  description: string;
}

function typeOf(s: JsonSchema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(" \\| ");
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return [...new Set(alternatives.map(typeOf))].join(" \\| ");
  if (s.type === "array") return `list of ${s.items ? typeOf(s.items) : "any"}`;
  if (s.type === "object") return s.properties ? "mapping" : "map";
  const bounded = s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER;
  const range = bounded
    ? ` ${s.minimum ?? ""}–${s.maximum}`
    : s.minimum !== undefined && s.minimum > Number.MIN_SAFE_INTEGER
      ? ` ≥ ${s.minimum}`
      : "";
  return `${Array.isArray(s.type) ? s.type.join(" \\| ") : (s.type ?? "any")}${range}`;
}

function walk(s: JsonSchema, path: string, required: boolean, rows: Row[]): void {
  rows.push({
    path,
    type: typeOf(s),
    required,
    default: s.default === undefined ? "" : `\`${JSON.stringify(s.default)}\``,
    description: (s.description ?? "").replace(/\|/g, "\\|").replace(/\n/g, " "),
  });
  const alternatives = (s.anyOf ?? s.oneOf ?? []).filter((a) => a.properties);
  if (alternatives.length > 1) {
    for (const alt of alternatives) {
      const tag = Object.entries(alt.properties ?? {}).find(([, p]) => p.const !== undefined);
      const label = tag ? `${tag[0]}: ${String(tag[1].const)}` : "";
      for (const [key, child] of Object.entries(alt.properties ?? {})) {
        if (tag && key === tag[0]) continue;
        walk(child, `${path}.${key}${label ? ` (${label})` : ""}`, alt.required?.includes(key) ?? false, rows);
      }
    }
    return;
  }
  const objectLike = alternatives[0] ?? s;
  for (const [key, child] of Object.entries(objectLike.properties ?? {}))
    walk(child, path ? `${path}.${key}` : key, objectLike.required?.includes(key) ?? false, rows);
  if (typeof s.additionalProperties === "object" && !s.properties)
    walk(s.additionalProperties, `${path}.<name>`, false, rows);
  if (s.items && (s.items.properties || s.items.anyOf)) walk(s.items, `${path}[]`, false, rows);
}

export function platformReferenceMarkdown(): string {
  const schema = platformJsonSchema() as JsonSchema;
  const out: string[] = [
    "# Platform file reference",
    "",
    "Generated from the schema (`npm run schema`); a test keeps it current. The guide is [platform-file.md](platform-file.md).",
    "`<name>` stands for a key you choose; `[]` for the items of a list. Durations are strings such as `30s`, `15m`, `1h30m`, `7d`.",
    "",
  ];
  const header = ["| field | type | default | description |", "| --- | --- | --- | --- |"];
  const line = (r: Row): string =>
    `| \`${r.path}\`${r.required ? " (required)" : ""} | ${r.type} | ${r.default} | ${r.description} |`;
  const sections = Object.entries(schema.properties ?? {}).map(([key, child]) => {
    const rows: Row[] = [];
    walk(child, key, false, rows);
    return { key, rows };
  });
  out.push(
    "## Top level",
    "",
    ...header,
    ...sections.filter((s) => s.rows.length === 1).map((s) => line(s.rows[0]!)),
    "",
  );
  for (const { key, rows } of sections.filter((s) => s.rows.length > 1)) {
    out.push(`## \`${key}\``, "", rows[0]!.description, "", ...header, ...rows.map(line), "");
  }
  return out.join("\n");
}
