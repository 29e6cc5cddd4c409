/**
 * An audit entry's data as lines a person reads: nested fields named by their path
 * (`params.tag`), lists joined, hashes shortened. Pure; the page draws the pairs.
 */

export interface DetailLine {
  key: string;
  text: string;
  /** The whole value when `text` shortens it (a hash). */
  full?: string;
}

const HASH = /^[0-9a-f]{40,}$/;

function scalar(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value === "" ? '""' : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** One object of a list in a line: `action: deploy, environment: dev, why: ...`. */
function inline(value: unknown): string {
  if (!isPlain(value)) return scalar(value);
  return Object.entries(value)
    .map(
      ([k, v]) => `${k}: ${Array.isArray(v) ? v.map(scalar).join(", ") : isPlain(v) ? JSON.stringify(v) : scalar(v)}`,
    )
    .join(", ");
}

export function detailLines(data: Record<string, unknown>, prefix = ""): DetailLine[] {
  const lines: DetailLine[] = [];
  for (const [name, value] of Object.entries(data)) {
    const key = prefix === "" ? name : `${prefix}.${name}`;
    if (isPlain(value)) {
      const inner = detailLines(value, key);
      lines.push(...(inner.length > 0 ? inner : [{ key, text: "{}" }]));
    } else if (Array.isArray(value)) {
      const objects = value.some(isPlain);
      lines.push({ key, text: value.length === 0 ? "none" : value.map(inline).join(objects ? "; " : ", ") });
    } else if (typeof value === "string" && HASH.test(value)) {
      lines.push({ key, text: `${value.slice(0, 12)}…`, full: value });
    } else {
      lines.push({ key, text: scalar(value) });
    }
  }
  return lines;
}
