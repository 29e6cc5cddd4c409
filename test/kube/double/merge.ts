/**
 * Test double of the Kubernetes API — merging applied configurations and patches.
 *
 * API reference: "Server-Side Apply › Merge strategy" (maps and structs merge field by field,
 * associative lists merge by their keys, atomic lists and structs are replaced whole), and
 * "API Concepts › Patch" for the three patch types kubectl sends: JSON merge patch (RFC 7386),
 * JSON patch (RFC 6902) and strategic merge patch (merge patch whose lists with a
 * `patchMergeKey` merge by that key; the double does not implement `$patch` directives).
 */
import { badRequest } from "./status.js";
import type { Path } from "./fieldset.js";
import { isAtomicField, isObject, keyElement, listKeys } from "./fieldset.js";

type Obj = Record<string, unknown>;

/** `applied` merged into `live` as server-side apply merges: keyed lists by key, atomic fields replaced. */
export function mergeApplied(live: unknown, applied: unknown, field = ""): unknown {
  if (isObject(applied) && !isAtomicField(field)) {
    const out: Obj = isObject(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(applied)) out[k] = mergeApplied(out[k], v, k);
    return out;
  }
  if (Array.isArray(applied) && applied.length > 0 && listKeys(field, applied[0]) && Array.isArray(live)) {
    return mergeKeyedList(live, applied, field, mergeApplied);
  }
  return structuredClone(applied);
}

function mergeKeyedList(
  live: unknown[],
  patch: unknown[],
  field: string,
  merge: (a: unknown, b: unknown, field: string) => unknown,
): unknown[] {
  const out = [...live];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const key = keyElement(listKeys(field, item) ?? [], item);
    const at = out.findIndex((x) => isObject(x) && keyElement(listKeys(field, x) ?? [], x) === key);
    if (at >= 0) out[at] = merge(out[at], item, "");
    else out.push(structuredClone(item));
  }
  return out;
}

/** Removes the field or keyed-list item at `path` (a field set path) from `obj`, in place. */
export function removePath(obj: Obj, path: Path): void {
  let node: unknown = obj;
  let field = "";
  for (let i = 0; i < path.length; i++) {
    const element = path[i] ?? "";
    const last = i === path.length - 1;
    if (element.startsWith("f:") && isObject(node)) {
      field = element.slice(2);
      if (last) delete node[field];
      else node = node[field];
      continue;
    }
    if (!Array.isArray(node)) return;
    const list = node as unknown[];
    const at = list.findIndex((x) => matches(element, field, x));
    if (at < 0) return;
    if (last) list.splice(at, 1);
    else node = list[at];
  }
}

function matches(element: string, field: string, item: unknown): boolean {
  if (element.startsWith("v:")) return JSON.stringify(item) === element.slice(2);
  return isObject(item) && keyElement(listKeys(field, item) ?? [], item) === element;
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Obj = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Strategic merge patch: a merge patch whose keyed lists merge item by item. */
export function strategicMergePatch(target: unknown, patch: unknown, field = ""): unknown {
  if (isObject(patch)) {
    const out: Obj = isObject(target) ? { ...target } : {};
    for (const [k, v] of Object.entries(patch)) {
      if (k.startsWith("$"))
        throw badRequest(`strategic merge patch directive ${k} is not supported by the test double`);
      if (v === null) delete out[k];
      else out[k] = strategicMergePatch(out[k], v, k);
    }
    return out;
  }
  if (Array.isArray(patch) && Array.isArray(target) && patch.length > 0 && listKeys(field, patch[0])) {
    return mergeKeyedList(target, patch, field, (a, b) => strategicMergePatch(a, b));
  }
  return structuredClone(patch);
}

interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

/** RFC 6902 JSON patch (add, remove, replace, test, copy, move). */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest("a JSON patch must be an array of operations");
  let doc = structuredClone(target);
  for (const raw of ops as JsonPatchOp[]) {
    const { op, path } = raw;
    if (op === "test") {
      if (JSON.stringify(get(doc, path)) !== JSON.stringify(raw.value)) throw badRequest(`test failed at ${path}`);
      continue;
    }
    const value = op === "copy" || op === "move" ? structuredClone(get(doc, raw.from ?? "")) : raw.value;
    if (op === "move" || op === "remove") doc = put(doc, op === "move" ? (raw.from ?? "") : path, undefined, "remove");
    if (op !== "remove") doc = put(doc, path, structuredClone(value), op === "replace" ? "replace" : "add");
  }
  return doc;
}

function pointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw badRequest(`invalid JSON pointer ${JSON.stringify(path)}`);
  return path
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function get(doc: unknown, path: string): unknown {
  let node = doc;
  for (const token of pointer(path)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else throw badRequest(`no value at ${path}`);
  }
  return node;
}

function put(doc: unknown, path: string, value: unknown, mode: "add" | "replace" | "remove"): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) return value;
  const parent = get(doc, `/${tokens.slice(0, -1).join("/")}`.replace(/^\/$/, ""));
  const last = tokens.at(-1) ?? "";
  if (Array.isArray(parent)) {
    const index = last === "-" ? parent.length : Number(last);
    if (mode === "remove") parent.splice(index, 1);
    else parent.splice(index, mode === "replace" ? 1 : 0, value);
  } else if (isObject(parent)) {
    if (mode !== "add" && !(last in parent)) throw badRequest(`no value at ${path} to ${mode}`);
    if (mode === "remove") delete parent[last];
    else parent[last] = value;
  } else {
    throw badRequest(`no container at ${path}`);
  }
  return doc;
}
