import type { PathSegment } from "./diagnostics.js";
import { writtenPlatform } from "./schema/platform.js";

/**
 * What the platform schema expects at a path of the document: the keys a mapping there accepts
 * and the description of a key, for messages about unknown and missing keys. Reads zod's
 * definitions, so it follows objects, records, lists, wrappers and unions.
 */

interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  valueType?: unknown;
  element?: unknown;
  innerType?: unknown;
  options?: unknown[];
  discriminator?: string;
  values?: unknown[];
  in?: unknown;
}

const defOf = (schema: unknown): SchemaDef | undefined =>
  (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
const WRAPPERS = ["optional", "default", "nullable", "prefault", "readonly", "lazy"];

/** What a wrapper wraps; a lazy schema (`lazily`) is built here if it was not yet. */
const inner = (schema: unknown): unknown =>
  defOf(schema)?.type === "lazy"
    ? (schema as { _zod: { innerType: unknown } })._zod.innerType
    : defOf(schema)?.innerType;

export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return node;
}

/** Wrappers removed and unions split into their branches; a discriminated union keeps the branch `value` names. */
function unwrap(list: unknown[], value: unknown): unknown[] {
  return list.flatMap((s) => {
    const def = defOf(s);
    if (!def) return [];
    if (WRAPPERS.includes(def.type)) return unwrap([inner(s)], value);
    if (def.type === "pipe") return unwrap([def.in], value);
    if (def.type !== "union") return [s];
    const branches = def.options ?? [];
    const key = def.discriminator;
    const chosen = key === undefined ? undefined : (value as Record<string, unknown> | undefined)?.[key];
    const matching = branches.filter((b) => defOf(defOf(b)?.shape?.[key ?? ""])?.values?.includes(chosen));
    return unwrap(matching.length > 0 ? matching : branches, value);
  });
}

/** The schemas of the value at `path`, as written (wrappers kept): more than one under a union. */
function schemasAt(path: readonly PathSegment[], root: unknown): unknown[] {
  let schemas: unknown[] = [writtenPlatform];
  path.forEach((segment, i) => {
    const here = valueAt(root, path.slice(0, i));
    schemas = unwrap(schemas, here).flatMap((s) => {
      const def = defOf(s)!;
      if (def.type === "object" && typeof segment === "string") return def.shape?.[segment] ? [def.shape[segment]] : [];
      if (def.type === "record") return [def.valueType];
      if (def.type === "array") return [def.element];
      return [];
    });
  });
  return schemas;
}

/** The keys a mapping at `path` accepts: the "known" list of an unknown-key message. */
export function keysAllowedAt(path: readonly PathSegment[], root: unknown = undefined): string[] {
  const keys = new Set<string>();
  for (const s of unwrap(schemasAt(path, root), valueAt(root, path))) {
    const def = defOf(s)!;
    if (def.type === "object") Object.keys(def.shape ?? {}).forEach((k) => keys.add(k));
  }
  return [...keys];
}

/** The schema's description of the key at `path`, such as "Name of a stack under stacks.". */
export function descriptionAt(path: readonly PathSegment[], root: unknown = undefined): string | undefined {
  for (let s of schemasAt(path, root)) {
    for (;;) {
      const description = (s as { description?: string }).description;
      if (description !== undefined) return description;
      const def = defOf(s);
      if (!def || !WRAPPERS.includes(def.type)) break;
      s = inner(s);
    }
  }
  return undefined;
}
