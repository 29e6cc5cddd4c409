/**
 * Test double of the Kubernetes API — field sets (`managedFields[].fieldsV1`).
 *
 * API reference: "Server-Side Apply › Field management" and `meta/v1 ManagedFieldsEntry`. A field
 * set is a tree whose keys are path elements: `f:NAME` a field, `k:{"KEY":VALUE}` an item of an
 * associative list (`x-kubernetes-list-type: map`), `v:VALUE` an item of a set list, and `.` the
 * item itself. Lists and structs marked atomic (`x-kubernetes-list-type: atomic`,
 * `x-kubernetes-map-type: atomic`, e.g. every LabelSelector) are one leaf. Identity fields
 * (apiVersion, kind, metadata.name/namespace/uid/resourceVersion/...) are never owned.
 *
 * Here a set is a Map from a path (path elements joined, JSON-encoded) to the value at that path,
 * so conflicts can compare the value a manager applies with the live one.
 */

export type Path = string[];
export type FieldValues = Map<string, unknown>;
/** The value of the `.` element: an item of a keyed list, present as a whole. */
export const ITEM = Symbol("item");

/** Keys of associative lists, by the list's field name (the Kubernetes API's `patchMergeKey`s and list-map-keys). */
const LIST_KEYS: Record<string, (item: Record<string, unknown>) => string[]> = {
  containers: () => ["name"],
  initContainers: () => ["name"],
  env: () => ["name"],
  volumes: () => ["name"],
  volumeMounts: () => ["mountPath"],
  imagePullSecrets: () => ["name"],
  conditions: () => ["type"],
  ownerReferences: () => ["uid"],
  ports: (item) => (item.containerPort !== undefined ? ["containerPort", "protocol"] : ["port", "protocol"]),
};
/** Lists of scalars treated as sets (`x-kubernetes-list-type: set`). */
const SET_LISTS = new Set(["finalizers"]);
/** Structs and maps replaced as a whole (`x-kubernetes-map-type: atomic`): every LabelSelector. */
const ATOMIC_FIELDS = new Set(["selector"]);
const STRIPPED_META = new Set(["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp"]);
const STRIPPED_META_2 = new Set(["managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"]);

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function listKeys(field: string, item: unknown): string[] | undefined {
  const keys = LIST_KEYS[field];
  return keys && isObject(item) ? keys(item) : undefined;
}

export function isAtomicField(field: string): boolean {
  return ATOMIC_FIELDS.has(field);
}

/** The `k:` element of an associative list's item (a key absent from `protocol` defaults to TCP). */
export function keyElement(keys: string[], item: Record<string, unknown>): string {
  const key: Record<string, unknown> = {};
  for (const k of [...keys].sort()) key[k] = item[k] ?? (k === "protocol" ? "TCP" : undefined);
  return `k:${JSON.stringify(key)}`;
}

/** Every owned leaf of an object, with its value (what a manager setting this object would own). */
export function fieldValues(obj: Record<string, unknown>, withStatus: boolean): FieldValues {
  const out: FieldValues = new Map();
  for (const [name, value] of Object.entries(obj)) {
    if (name === "apiVersion" || name === "kind" || (name === "status" && !withStatus)) continue;
    if (name === "metadata" && isObject(value)) {
      for (const [m, v] of Object.entries(value)) {
        if (!STRIPPED_META.has(m) && !STRIPPED_META_2.has(m)) walk(v, ["f:metadata", `f:${m}`], m, out);
      }
      continue;
    }
    walk(value, [`f:${name}`], name, out);
  }
  return out;
}

function walk(value: unknown, path: Path, field: string, out: FieldValues): void {
  if (isObject(value) && !isAtomicField(field) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) walk(v, [...path, `f:${k}`], k, out);
    return;
  }
  if (Array.isArray(value) && value.length > 0 && listKeys(field, value[0])) {
    for (const item of value as Record<string, unknown>[]) {
      const itemPath = [...path, keyElement(listKeys(field, item) ?? [], item)];
      out.set(JSON.stringify(itemPath), ITEM);
      for (const [k, v] of Object.entries(item)) walk(v, [...itemPath, `f:${k}`], k, out);
    }
    return;
  }
  if (Array.isArray(value) && SET_LISTS.has(field)) {
    for (const item of value) out.set(JSON.stringify([...path, `v:${JSON.stringify(item)}`]), ITEM);
    return;
  }
  out.set(JSON.stringify(path), value);
}

/** The `fieldsV1` tree of a set of paths. */
export function toFieldsV1(paths: Iterable<string>): Record<string, unknown> {
  const root: Record<string, Record<string, unknown>> = {};
  for (const key of paths) {
    let node: Record<string, unknown> = root;
    const elements = JSON.parse(key) as Path;
    for (const element of elements) node = (node[element] ??= {}) as Record<string, unknown>;
    if (elements.at(-1)?.startsWith("k:")) node["."] = {};
  }
  return root;
}

/** The paths of a `fieldsV1` tree. */
export function fromFieldsV1(tree: unknown, prefix: Path = [], out: Set<string> = new Set()): Set<string> {
  if (!isObject(tree)) return out;
  const children = Object.keys(tree).filter((k) => k !== ".");
  if (prefix.length > 0 && (children.length === 0 || "." in tree)) out.add(JSON.stringify(prefix));
  for (const child of children) fromFieldsV1(tree[child], [...prefix, child], out);
  return out;
}

/** A path as the API server prints it in conflicts: `.spec.template.spec.containers[name="app"].image`. */
export function printPath(key: string): string {
  return (JSON.parse(key) as Path)
    .map((element) => {
      const body = element.slice(2);
      if (element.startsWith("f:")) return `.${body}`;
      if (element.startsWith("v:")) return `[=${body}]`;
      if (element.startsWith("i:")) return `[${body}]`;
      const key = JSON.parse(body) as Record<string, unknown>;
      return `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(",")}]`;
    })
    .join("");
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, canonical(v[k])]),
  );
}
