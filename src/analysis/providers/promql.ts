/** Filling the PromQL templates of the Prometheus provider. Pure. */
import { PLACEHOLDER, PLACEHOLDERS, unknownPlaceholders } from "../../config/placeholders.js";
import type { Placeholder } from "../../config/placeholders.js";
import type { PrometheusQueries } from "../../config/types.js";
import { InputError } from "../../errors.js";

export { PLACEHOLDERS, unknownPlaceholders } from "../../config/placeholders.js";
export type { Placeholder } from "../../config/placeholders.js";

/** A value escaped for the inside of a double-quoted PromQL string (Go's escapes). */
export function escapePromqlString(value: string): string {
  return value.replace(/[\\"\n\r]/g, (c) => (c === "\n" ? "\\n" : c === "\r" ? "\\r" : `\\${c}`));
}

/** Replaces each placeholder by its value, escaped for a double-quoted string. */
export function fillTemplate(template: string, values: Record<Placeholder, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? escapePromqlString(values[name as Placeholder]) : whole,
  );
}

/** Throws an InputError naming the setting of the first template with an unknown placeholder. */
export function checkTemplates(queries: PrometheusQueries, setting = "analysis.provider"): void {
  for (const [name, template] of Object.entries<string>({ ...queries })) {
    const unknown = unknownPlaceholders(template);
    if (unknown.length === 0) continue;
    const known = PLACEHOLDERS.map((p) => `{${p}}`).join(", ");
    throw new InputError(
      `${setting}.queries.${name}: unknown placeholder {${unknown[0]}} in ${template} (known: ${known})`,
    );
  }
}
