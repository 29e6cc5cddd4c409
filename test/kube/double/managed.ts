/**
 * Test double of the Kubernetes API — managed fields and server-side apply.
 *
 * API reference: "Server-Side Apply" (kubernetes.io/docs/reference/using-api/server-side-apply):
 * - Managers: each `managedFields` entry is one manager (name, operation Apply|Update, subresource)
 *   and the fields it owns. An update (create, PUT, any non-apply patch) gives its manager the
 *   fields it changed and takes them from every other manager; it never conflicts.
 * - Conflicts: an apply that would change the value of a field another manager owns fails with
 *   409 `Conflict`, one `FieldManagerConflict` cause per field, the message naming the managers as
 *   the API server prints them (`conflict with "other"`, `"m" using apps/v1` for an Update manager).
 *   Applying the same value as another manager shares the field. `force=true` takes the
 *   conflicting fields from their owners.
 * - Removal: a field the applier owned before and no longer applies is removed from the object
 *   unless another manager still owns it.
 * - Identity and status: apiVersion, kind and the identity metadata are never owned; on resources
 *   with a status subresource the main resource ignores `.status` and `/status` ignores the rest.
 */
import type { FieldValues } from "./fieldset.js";
import { ITEM, fieldValues, fromFieldsV1, isObject, printPath, sameValue, toFieldsV1 } from "./fieldset.js";
import { mergeApplied, removePath } from "./merge.js";
import type { StatusCause } from "./status.js";
import { ApiStatusError } from "./status.js";

type Obj = Record<string, unknown>;
/** Which fields a write may set: the main resource (without status where a status subresource exists), or `/status`. */
export type Scope = "main" | "status" | "all";

export interface ManagedFieldsEntry {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time: string;
  fieldsType: "FieldsV1";
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

export interface Writer {
  manager: string;
  apiVersion: string;
  now: string;
  scope: Scope;
  /** The subresource recorded on the entry (`scale` for a write through `/scale`); default: `status` for the status scope. */
  subresource?: string;
}

function values(obj: Obj, scope: Scope): FieldValues {
  const all = fieldValues(obj, scope !== "main");
  if (scope !== "status") return all;
  return new Map([...all].filter(([k]) => k.startsWith('["f:status"')));
}

function entriesOf(obj: Obj | undefined): ManagedFieldsEntry[] {
  const meta = obj?.metadata;
  return isObject(meta) && Array.isArray(meta.managedFields) ? (meta.managedFields as ManagedFieldsEntry[]) : [];
}

function subresourceOf(writer: Writer): string | undefined {
  return writer.subresource ?? (writer.scope === "status" ? "status" : undefined);
}

function same(e: ManagedFieldsEntry, writer: Writer, operation: string): boolean {
  return e.manager === writer.manager && e.operation === operation && e.subresource === subresourceOf(writer);
}

function printManager(e: ManagedFieldsEntry): string {
  let out = JSON.stringify(e.manager);
  if (e.subresource) out += ` with subresource ${JSON.stringify(e.subresource)}`;
  return e.operation === "Update" ? `${out} using ${e.apiVersion}` : out;
}

function entry(writer: Writer, operation: "Apply" | "Update", paths: Iterable<string>): ManagedFieldsEntry {
  const e: ManagedFieldsEntry = {
    manager: writer.manager,
    operation,
    apiVersion: writer.apiVersion,
    time: writer.now,
    fieldsType: "FieldsV1",
    fieldsV1: toFieldsV1(paths),
  };
  const sub = subresourceOf(writer);
  return sub ? { ...e, subresource: sub } : e;
}

/**
 * The entries as the API server stores them: empty sets dropped, an unchanged set keeping its old
 * timestamp (so a no-op write stays a no-op), sorted by operation, time, manager, apiVersion and
 * subresource.
 */
function setEntries(obj: Obj, entries: ManagedFieldsEntry[], before: ManagedFieldsEntry[]): Obj {
  const identity = (e: ManagedFieldsEntry): string =>
    JSON.stringify([e.manager, e.operation, e.apiVersion, e.subresource]);
  const kept = entries
    .filter((e) => Object.keys(e.fieldsV1).length > 0)
    .map((e) => {
      const old = before.find((b) => identity(b) === identity(e));
      return old && sameValue(old.fieldsV1, e.fieldsV1) ? { ...e, time: old.time } : e;
    })
    .sort((a, b) => {
      const ka = [a.operation, a.time, a.manager, a.apiVersion, a.subresource ?? ""];
      const kb = [b.operation, b.time, b.manager, b.apiVersion, b.subresource ?? ""];
      const at = ka.findIndex((v, i) => v !== kb[i]);
      return at < 0 ? 0 : (ka[at] ?? "") < (kb[at] ?? "") ? -1 : 1;
    });
  const meta = isObject(obj.metadata) ? obj.metadata : {};
  return { ...obj, metadata: { ...meta, managedFields: kept } };
}

/** Records an update (create, PUT, patch) by `writer`: it owns what it changed, others lose it. */
export function recordUpdate(old: Obj | undefined, next: Obj, writer: Writer): Obj {
  const before = old ? values(old, writer.scope) : new Map<string, unknown>();
  const after = values(next, writer.scope);
  const changed = new Set(
    [...after].filter(([k, v]) => !before.has(k) || !sameValue(before.get(k), v)).map(([k]) => k),
  );
  const removed = new Set([...before.keys()].filter((k) => !after.has(k)));
  const entries: ManagedFieldsEntry[] = [];
  let mine: Set<string> = new Set();
  for (const e of entriesOf(old)) {
    const owned = fromFieldsV1(e.fieldsV1);
    if (same(e, writer, "Update")) {
      mine = new Set([...owned].filter((k) => after.has(k)));
      continue;
    }
    const kept = [...owned].filter((k) => !changed.has(k) && !removed.has(k));
    entries.push({ ...e, fieldsV1: toFieldsV1(kept) });
  }
  for (const k of changed) mine.add(k);
  if (mine.size > 0) entries.push(entry(writer, "Update", mine));
  return setEntries(next, entries, entriesOf(old));
}

/** Server-side apply of `applied` by `writer` onto `live` (absent: the apply creates the object). */
export function applyConfiguration(live: Obj | undefined, applied: Obj, writer: Writer, force: boolean): Obj {
  const wanted = values(applied, writer.scope);
  const liveValues = live ? values(live, writer.scope) : new Map<string, unknown>();
  const entries = entriesOf(live);
  const conflicts: { entry: ManagedFieldsEntry; path: string }[] = [];
  for (const e of entries) {
    if (same(e, writer, "Apply")) continue;
    for (const path of fromFieldsV1(e.fieldsV1)) {
      if (!wanted.has(path) || wanted.get(path) === ITEM || !liveValues.has(path)) continue;
      if (!sameValue(wanted.get(path), liveValues.get(path))) conflicts.push({ entry: e, path });
    }
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts);
  const lost = new Set(conflicts.map((c) => c.path));
  const previous = entries.find((e) => same(e, writer, "Apply"));
  const others = entries
    .filter((e) => e !== previous)
    .map((e) => ({ ...e, fieldsV1: toFieldsV1([...fromFieldsV1(e.fieldsV1)].filter((k) => !lost.has(k))) }));
  const merged = mergeApplied(live ?? {}, scoped(applied, writer.scope)) as Obj;
  removeReleased(merged, previous, wanted, others);
  return setEntries(merged, [...others, entry(writer, "Apply", wanted.keys())], entries);
}

/** What an apply may set: all but status on the main resource, only status on `/status`. */
function scoped(applied: Obj, scope: Scope): Obj {
  if (scope === "all") return applied;
  if (scope === "status") return { metadata: applied.metadata, status: applied.status };
  const { status: _status, ...rest } = applied;
  return rest;
}

function removeReleased(
  obj: Obj,
  previous: ManagedFieldsEntry | undefined,
  wanted: FieldValues,
  others: ManagedFieldsEntry[],
): void {
  if (!previous) return;
  const ownedByOthers = new Set(others.flatMap((e) => [...fromFieldsV1(e.fieldsV1)]));
  // A path still applied below (an empty map applied before, now with keys) is not released.
  const parents = new Set([...wanted.keys()].flatMap((k) => prefixes(k)));
  const released = [...fromFieldsV1(previous.fieldsV1)].filter(
    (k) => !wanted.has(k) && !ownedByOthers.has(k) && !parents.has(k),
  );
  // Deepest first, so removing an item does not hide the removal of its fields.
  released.sort((a, b) => b.length - a.length);
  for (const key of released) removePath(obj, JSON.parse(key) as string[]);
}

/** Every proper prefix of a path, as path keys. */
function prefixes(key: string): string[] {
  const elements = JSON.parse(key) as string[];
  return elements.slice(1).map((_, i) => JSON.stringify(elements.slice(0, i + 1)));
}

function conflictError(conflicts: { entry: ManagedFieldsEntry; path: string }[]): ApiStatusError {
  const causes: StatusCause[] = conflicts.map((c) => ({
    type: "FieldManagerConflict",
    message: `conflict with ${printManager(c.entry)}`,
    field: printPath(c.path),
  }));
  const first = conflicts[0];
  if (conflicts.length === 1 && first) {
    const message = `Apply failed with 1 conflict: conflict with ${printManager(first.entry)}: ${printPath(first.path)}`;
    return new ApiStatusError(409, "Conflict", message, { causes });
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const name = printManager(c.entry);
    byManager.set(name, [...(byManager.get(name) ?? []), printPath(c.path)]);
  }
  const lines = [...byManager.keys()]
    .sort()
    .flatMap((m) => [`conflicts with ${m}:`, ...(byManager.get(m) ?? []).map((p) => `- ${p}`)]);
  return new ApiStatusError(409, "Conflict", `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`, {
    causes,
  });
}
