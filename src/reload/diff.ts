/** What changed between two platform versions, path by path: pure, for the audit and `platform history`. */
import type { Json } from "../engine/types.js";

export interface PlatformChange {
  /** Dotted path into the normalized platform, e.g. `environments.live.permissions.scale`. */
  path: string;
  before: Json | undefined;
  after: Json | undefined;
}

/** A change as stored and audited: a side that is absent is left out. */
export function changeJson({ path, before, after }: PlatformChange): Json {
  return { path, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) };
}

/** At most this many changes are kept; `truncated` counts the rest. */
export const MAX_CHANGES = 200;

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The changes from `before` to `after`: objects are compared key by key, anything else (arrays
 * included, so a group list reads as one change) as a whole.
 */
export function diffPlatforms(before: Json | undefined, after: Json): { changes: PlatformChange[]; truncated: number } {
  const changes: PlatformChange[] = [];
  let truncated = 0;
  const walk = (a: Json | undefined, b: Json | undefined, path: string[]): void => {
    if (same(a, b)) return;
    if (isObject(a) && isObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const k of keys) walk(a[k], b[k], [...path, k]);
      return;
    }
    if (changes.length >= MAX_CHANGES) {
      truncated++;
      return;
    }
    changes.push({ path: path.join("."), before: a, after: b });
  };
  walk(before, after, []);
  return { changes, truncated };
}
