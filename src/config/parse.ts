import type { z } from "zod";
import type { PathSegment } from "./diagnostics.js";
import { descriptionAt, keysAllowedAt, valueAt } from "./schema-at.js";
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
  // A platform is parsed once or twice per process: compiling zod's fast path for each object
  // schema costs more than it saves (measured: cold ~12 ms without it, ~22 ms with it).
  const result = writtenPlatform.safeParse(merged, { jitless: true });
  if (result.success) return { ok: true, value: result.data };
  const findings = result.error.issues.flatMap((issue) => describeIssue(issue, merged, []));
  return { ok: false, findings };
}

type Issue = z.core.$ZodIssue;

function typeName(value: unknown): string {
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${value}`;
  return typeof value;
}

function article(type: string): string {
  if (type === "object" || type === "record" || type === "map") return "a mapping";
  if (type === "array") return "a list";
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** A key the schema requires is absent; say what it holds, from the schema's description when there is one. */
function missingKey(path: PathSegment[], root: unknown, fallback: string): Finding {
  const description = descriptionAt(path, root);
  const about = description === undefined ? fallback : asClause(description);
  return { path, message: `missing required key "${String(path[path.length - 1])}" (${about})`, pointAtKey: true };
}

/** A schema description as a clause inside a message: "Name of a stack under stacks." → "name of a stack under stacks". */
function asClause(description: string): string {
  const first = description.split(/(?<=\.)\s+(?=[A-Z])/)[0]!.replace(/\.$/, "");
  return /^[A-Z][a-z]/.test(first) ? first[0]!.toLowerCase() + first.slice(1) : first;
}

/** "a, b or c". */
function either(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function describeIssue(issue: Issue, root: unknown, base: PathSegment[]): Finding[] {
  const path = [...base, ...(issue.path as PathSegment[])];
  const value = valueAt(root, path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = keysAllowedAt(path, root);
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown key "${key}"${unknownNameHint(key, allowed, 30)}`,
        pointAtKey: true,
      }));
    }
    case "invalid_type": {
      if (value === undefined) return [missingKey(path, root, article(issue.expected))];
      const hint =
        value === null && (issue.expected === "object" || issue.expected === "record")
          ? " (write {} for an empty mapping)"
          : "";
      return [{ path, message: `expected ${article(issue.expected)}, got ${typeName(value)}${hint}` }];
    }
    case "invalid_value": {
      const options = issue.values.map((v) => String(v));
      if (value === undefined) return [missingKey(path, root, `one of ${either(options)}`)];
      if (options.length === 1)
        return [{ path, message: `must be ${JSON.stringify(issue.values[0])}, got ${typeName(value)}` }];
      return [
        {
          path,
          message: `${JSON.stringify(value)} is not allowed here${unknownNameHint(typeof value === "string" ? value : "", options)}`,
        },
      ];
    }
    case "invalid_key": {
      const reason = issue.issues.map((i) => i.message).join("; ");
      return [{ path, message: `invalid name ${JSON.stringify(path[path.length - 1])}: ${reason}`, pointAtKey: true }];
    }
    case "too_big":
    case "too_small":
      return [{ path, message: sizeMessage(issue, value) }];
    case "invalid_format":
      return [
        { path, message: typeof value === "string" ? `${issue.message}, got ${JSON.stringify(value)}` : issue.message },
      ];
    case "invalid_union":
      return describeUnion(issue, root, path, value);
    default:
      return [{ path, message: issue.message }];
  }
}

function sizeMessage(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, value: unknown): string {
  const big = issue.code === "too_big";
  const limit = Number(issue.code === "too_big" ? issue.maximum : issue.minimum);
  const inclusive = issue.inclusive !== false;
  if (issue.origin === "array") {
    return `needs ${big ? "at most" : "at least"} ${limit} ${limit === 1 ? "entry" : "entries"}, got ${Array.isArray(value) ? value.length : 0}`;
  }
  if (issue.origin === "string") {
    if (!big && limit === 1) return "must not be empty";
    return `must be ${big ? "at most" : "at least"} ${limit} characters long`;
  }
  const bound = big ? (inclusive ? "at most" : "less than") : inclusive ? "at least" : "more than";
  return `must be ${bound} ${limit}, got ${typeName(value).replace(/^number /, "")}`;
}

function describeUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  root: unknown,
  path: PathSegment[],
  value: unknown,
): Finding[] {
  const discriminator = (issue as { discriminator?: string }).discriminator;
  if (discriminator !== undefined) {
    const options = (issue as { options?: unknown[] }).options?.map((o) => String(o)) ?? [];
    // zod's path already ends at the discriminator key.
    if (value === undefined)
      return [{ path, message: `missing "${discriminator}": one of ${either(options)}`, pointAtKey: true }];
    const named = typeof value === "string" ? value : "";
    return [{ path, message: `unknown ${discriminator} ${JSON.stringify(value)}${unknownNameHint(named, options)}` }];
  }
  const branch = bestBranch(issue.errors);
  if (branch) return branch.flatMap((inner) => describeIssue(inner, root, path));
  const expected = issue.errors
    .map((b) => (b[0]?.code === "invalid_type" ? b[0].expected : undefined))
    .filter((e): e is NonNullable<typeof e> => e !== undefined);
  return [
    {
      path,
      message: `expected ${either([...new Set(expected.map(article))]) || "another form"}, got ${typeName(value)}`,
    },
  ];
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
