import type { z } from "zod";
import type { PathSegment } from "./diagnostics.js";
import { unknownNameHint } from "./suggest.js";
import { writtenPlatform } from "./schema/platform.js";
import type { ParsedPlatform } from "./schema/platform.js";

/** A schema problem at a path of the merged document, before it is given a file position. */
export interface Finding {
  path: PathSegment[];
  message: string;
  /** Point at the key rather than its value (unknown keys, missing values). */
  pointAtKey?: boolean;
}

export type ParseResult = { ok: true; value: ParsedPlatform } | { ok: false; findings: Finding[] };

export function parseWritten(merged: unknown): ParseResult {
  const result = writtenPlatform.safeParse(merged);
  if (result.success) return { ok: true, value: result.data };
  const findings = result.error.issues.flatMap((issue) => describeIssue(issue, merged, []));
  return { ok: false, findings };
}

type Issue = z.core.$ZodIssue;

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return node;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return typeof value === "string" ? `the string ${JSON.stringify(value)}` : `${typeof value} ${String(value)}`;
}

function describeIssue(issue: Issue, root: unknown, base: PathSegment[]): Finding[] {
  const path = [...base, ...(issue.path as PathSegment[])];
  const value = valueAt(root, path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = keysAllowedAt(path);
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown key "${key}"${unknownNameHint(key, allowed, 30)}`,
        pointAtKey: true,
      }));
    }
    case "invalid_type": {
      if (value === undefined) {
        const last = path[path.length - 1];
        return [{ path, message: `missing required key "${String(last)}" (expected ${issue.expected})`, pointAtKey: true }];
      }
      return [{ path, message: `expected ${article(issue.expected)}, got ${typeName(value)}` }];
    }
    case "invalid_value": {
      const options = issue.values.map((v) => String(v));
      if (options.length === 1) return [{ path, message: `must be ${JSON.stringify(issue.values[0])}, got ${typeName(value)}` }];
      return [{ path, message: `${JSON.stringify(value)} is not allowed here${unknownNameHint(String(value), options)}` }];
    }
    case "invalid_union": {
      if ("discriminator" in issue && issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options?.map(String) ?? [];
        const got = valueAt(root, path);
        const what = got === undefined ? `missing "${String(issue.discriminator)}"` : `unknown ${String(issue.discriminator)} ${JSON.stringify(got)}`;
        return [{ path, message: `${what}${unknownNameHint(String(got ?? ""), options)}`, pointAtKey: got === undefined }];
      }
      const branch = bestBranch(issue.errors as Issue[][]);
      if (branch) return branch.flatMap((inner) => describeIssue(inner, root, path));
      const expected = (issue.errors as Issue[][])
        .map((b) => (b[0]?.code === "invalid_type" ? b[0].expected : undefined))
        .filter((e): e is NonNullable<typeof e> => e !== undefined);
      return [{ path, message: `expected ${expected.map(article).join(" or ") || "another form"}, got ${typeName(value)}` }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}

function article(type: string): string {
  if (type === "object") return "a mapping";
  if (type === "array") return "a list";
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The union branch whose issues reach deepest: the one the user evidently meant. Undefined when all fail at the top. */
function bestBranch(branches: Issue[][]): Issue[] | undefined {
  let best: Issue[] | undefined;
  let bestDepth = 0;
  for (const branch of branches) {
    const depth = Math.max(0, ...branch.map((i) => i.path.length + (i.code === "invalid_type" ? 0 : 0.5)));
    if (depth > bestDepth) {
      best = branch;
      bestDepth = depth;
    }
  }
  return best;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  valueType?: unknown;
  element?: unknown;
  innerType?: unknown;
  options?: unknown[];
  in?: unknown;
}

const defOf = (schema: unknown): SchemaDef | undefined => (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;

/** The keys an object of the schema accepts at `path`: the "allowed" list of an unknown-key message. */
export function keysAllowedAt(path: readonly PathSegment[]): string[] {
  let schemas: unknown[] = [writtenPlatform];
  const unwrap = (list: unknown[]): unknown[] =>
    list.flatMap((s) => {
      const def = defOf(s);
      if (!def) return [];
      if (["optional", "default", "nullable", "prefault", "readonly"].includes(def.type)) return unwrap([def.innerType]);
      if (def.type === "union") return unwrap(def.options ?? []);
      if (def.type === "pipe") return unwrap([def.in]);
      return [s];
    });
  for (const segment of path) {
    schemas = unwrap(schemas).flatMap((s) => {
      const def = defOf(s)!;
      if (def.type === "object" && typeof segment === "string") return def.shape?.[segment] ? [def.shape[segment]] : [];
      if (def.type === "record") return [def.valueType];
      if (def.type === "array") return [def.element];
      return [];
    });
  }
  const keys = new Set<string>();
  for (const s of unwrap(schemas)) {
    const def = defOf(s)!;
    if (def.type === "object") Object.keys(def.shape ?? {}).forEach((k) => keys.add(k));
  }
  return [...keys];
}
