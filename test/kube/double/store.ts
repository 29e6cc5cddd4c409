/**
 * Test double of the Kubernetes API — the object store, resource versions and watches.
 *
 * API reference: "API Concepts › Resource versions" and "Efficient detection of changes":
 * - one resourceVersion sequence for the whole store (etcd's revision), opaque to clients, set on
 *   every write; a list carries the version it was read at in `metadata.resourceVersion`;
 * - a watch from version N sends every change after N (ADDED, MODIFIED, DELETED) in order; a watch
 *   without a version (or from "0") first sends the current objects as ADDED; a version older
 *   than the kept history answers 410 Gone (`Expired`);
 * - a deleted object's last version is the one in its DELETED event.
 */
import type { ResourceType } from "./resources.js";
import { isObject } from "./fieldset.js";
import { expired } from "./status.js";

type Obj = Record<string, unknown>;
export type EventType = "ADDED" | "MODIFIED" | "DELETED";
export interface WatchEvent {
  type: EventType;
  object: Obj;
  rv: number;
  resource: ResourceType;
}
export interface Watcher {
  resource: ResourceType;
  namespace: string | undefined;
  filter: (obj: Obj) => boolean;
  send: (event: WatchEvent) => void;
}

/** How many changes a watch may resume from by default; older versions answer 410. */
const HISTORY = 10_000;

export function meta(obj: Obj): Record<string, unknown> {
  if (!isObject(obj.metadata)) obj.metadata = {};
  return obj.metadata as Record<string, unknown>;
}

/** Objects are kept per resource type, so a list reads only its own kind. */
function kindKey(r: ResourceType): string {
  return `${r.group}/${r.name}`;
}

function key(r: ResourceType, namespace: string | undefined, name: string): string {
  return `${r.namespaced ? (namespace ?? "") : ""}/${name}`;
}

export class ObjectStore {
  #rv = 100;
  #objects = new Map<string, Map<string, Obj>>();
  #history: WatchEvent[] = [];
  #watchers = new Set<Watcher>();
  #watchWaiters: (() => void)[] = [];
  constructor(readonly historyLimit = HISTORY) {}

  /** Called after every write, so the simulated controllers can react. */
  onChange: (event: WatchEvent) => void = () => {};

  get resourceVersion(): number {
    return this.#rv;
  }

  #kind(r: ResourceType): Map<string, Obj> {
    let objects = this.#objects.get(kindKey(r));
    if (!objects) this.#objects.set(kindKey(r), (objects = new Map<string, Obj>()));
    return objects;
  }

  get(r: ResourceType, namespace: string | undefined, name: string): Obj | undefined {
    const obj = this.#kind(r).get(key(r, namespace, name));
    return obj ? structuredClone(obj) : undefined;
  }

  /** Copies of the objects of one kind (in one namespace when given) that pass `filter`, by name. */
  list(r: ResourceType, namespace: string | undefined, filter: (obj: Obj) => boolean = () => true): Obj[] {
    const prefix = namespace !== undefined && r.namespaced ? `${namespace}/` : "";
    const found: Obj[] = [];
    // The filter sees the stored object and must not change it; only what passes is copied.
    for (const [k, obj] of this.#kind(r)) if (k.startsWith(prefix) && filter(obj)) found.push(structuredClone(obj));
    return found.sort((a, b) => String(meta(a).name).localeCompare(String(meta(b).name)));
  }

  /** Stores `obj` with a new resource version and tells the watchers. */
  put(r: ResourceType, obj: Obj): Obj {
    const m = meta(obj);
    const k = key(r, m.namespace as string | undefined, String(m.name));
    const objects = this.#kind(r);
    const type: EventType = objects.has(k) ? "MODIFIED" : "ADDED";
    m.resourceVersion = String(++this.#rv);
    objects.set(k, structuredClone(obj));
    this.#emit({ type, object: structuredClone(obj), rv: this.#rv, resource: r });
    return obj;
  }

  delete(r: ResourceType, namespace: string | undefined, name: string): Obj | undefined {
    const k = key(r, namespace, name);
    const objects = this.#kind(r);
    const obj = objects.get(k);
    if (!obj) return undefined;
    objects.delete(k);
    meta(obj).resourceVersion = String(++this.#rv);
    this.#emit({ type: "DELETED", object: structuredClone(obj), rv: this.#rv, resource: r });
    return obj;
  }

  /**
   * Starts a watch: replays history after `from` (or the current objects as ADDED when `from` is
   * undefined), then streams. Returns the function that stops it.
   */
  watch(watcher: Watcher, from: number | undefined): () => void {
    const ns = (obj: Obj): boolean =>
      !watcher.resource.namespaced || !watcher.namespace || meta(obj).namespace === watcher.namespace;
    const wanted = (e: WatchEvent): boolean =>
      e.resource === watcher.resource && ns(e.object) && watcher.filter(e.object);
    if (from === undefined) {
      for (const object of this.list(watcher.resource, watcher.namespace, watcher.filter)) {
        watcher.send({ type: "ADDED", object, rv: Number(meta(object).resourceVersion), resource: watcher.resource });
      }
    } else {
      const oldest = this.#history[0]?.rv ?? this.#rv + 1;
      if (from < oldest - 1 && this.#history.length >= this.historyLimit) throw expired(String(from), oldest);
      for (const e of this.#history) if (e.rv > from && wanted(e)) watcher.send(e);
    }
    const live: Watcher = { ...watcher, send: (e) => wanted(e) && watcher.send(e) };
    this.#watchers.add(live);
    for (const waiter of this.#watchWaiters.splice(0)) waiter();
    return () => this.#watchers.delete(live);
  }

  /** How many watches are open on resource `name` (e.g. "deployments"). */
  watching(name: string): number {
    return [...this.#watchers].filter((w) => w.resource.name === name).length;
  }

  /** Resolves once a watch on resource `name` is open: a test then knows its client is waiting. */
  async watchOpened(name: string): Promise<void> {
    while (this.watching(name) === 0) await new Promise<void>((resolve) => this.#watchWaiters.push(resolve));
  }

  #emit(event: WatchEvent): void {
    this.#history.push(event);
    if (this.#history.length > this.historyLimit) this.#history.shift();
    for (const w of this.#watchers) w.send(event);
    this.onChange(event);
  }
}
