/** The placeholders a Prometheus query template of the platform file may hold. Pure. */
export const PLACEHOLDERS = ["environment", "service", "revision"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** `{name}`: never valid PromQL on its own (a label matcher needs an operator), so it is always a placeholder. */
export const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Placeholders in the template that are none of PLACEHOLDERS, in order of appearance. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)]
    .map((m) => m[1]!)
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
}
