/**
 * A namespace's objects that quikship manages (label `app.kubernetes.io/managed-by=quikship`),
 * kept current by watching them: each kind is listed once, then watched from the list's resource
 * version ("API Concepts › Efficient detection of changes"); a watch the server ends is resumed
 * from the last version seen, and one from a version the server no longer keeps (410 Gone) lists
 * again. Reads of a synced kind are answered from what was watched, so waiting on a rollout, the
 * status and a deploy's prune read nothing from the API server; what quikship applies or deletes
 * is kept at once (the apply's answer is the object). A kind not synced (its list failed, the
 * server went away) is read from the cluster, as without a watch.
 */
import type { KubernetesObject } from "@kubernetes/client-node";
import { QuikshipError } from "../../errors.js";
import type { ClusterAccess, ClusterConnection, ObjectRef } from "./connection.js";
import { SHARED_KINDS } from "./manifests.js";
import { LABELS } from "./objects.js";

/** The kinds watched: what status reads (a rolling Deployment's ReplicaSets among it), the revisions' own, the shared ones prune looks at, and the route. */
export const WATCHED_KINDS = [
  { apiVersion: "apps/v1", kind: "Deployment" },
  { apiVersion: "apps/v1", kind: "ReplicaSet" },
  { apiVersion: "v1", kind: "Pod" },
  ...SHARED_KINDS,
  { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute" },
] as const;

const MANAGED = `${LABELS.managedBy}=quikship`;
/** After a failed list or watch, and before resuming a watch that ended at once: how long to wait. */
const RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
/**
 * How long the server is asked to keep a watch open; a watch still open well after that is taken
 * for a connection that died without closing, and started again.
 */
const WATCH_SECONDS = 300;
const WATCH_DEADLINE_MS = (WATCH_SECONDS + 30) * 1000;

/** The test of a label selector (`k=v` and `!k` terms, as objects.ts writes them), parsed once. */
export function matcher(selector: string): (obj: KubernetesObject) => boolean {
  const terms = selector
    .split(",")
    .filter(Boolean)
    .map((term) => {
      if (term.startsWith("!")) return { key: term.slice(1), value: undefined };
      const at = term.indexOf("=");
      return { key: term.slice(0, at), value: term.slice(at + 1) };
    });
  return (obj) => {
    const labels = obj.metadata?.labels ?? {};
    return terms.every((t) => (t.value === undefined ? !(t.key in labels) : labels[t.key] === t.value));
  };
}

/** Whether `obj` carries the labels of `selector`. */
export function matches(obj: KubernetesObject, selector: string): boolean {
  return matcher(selector)(obj);
}

/** Which of two versions of an object is newer: resource versions are etcd revisions, numbers in practice. */
function newer(a: KubernetesObject, b: KubernetesObject | undefined): boolean {
  const [x, y] = [Number(a.metadata?.resourceVersion), Number(b?.metadata?.resourceVersion)];
  return b === undefined || !Number.isFinite(x) || !Number.isFinite(y) || x >= y;
}

/** The service an object belongs to (its `app.kubernetes.io/name` label), which its kind's objects are grouped by. */
const serviceOf = (obj: KubernetesObject): string | undefined => obj.metadata?.labels?.[LABELS.name];

/** The service a selector names with an `app.kubernetes.io/name=…` term, if it does. */
function selectedService(selector: string): string | undefined {
  const term = selector.split(",").find((t) => t.startsWith(`${LABELS.name}=`));
  return term?.slice(LABELS.name.length + 1);
}

class WatchedKind {
  readonly #objects = new Map<string, KubernetesObject>();
  /** The same objects by service: a list of one service's objects looks at its own, not at every service's. */
  readonly #byService = new Map<string | undefined, Map<string, KubernetesObject>>();
  #synced = false;
  #first: Promise<void> | undefined;
  #stop: (() => void) | undefined;
  #stopped = false;

  constructor(
    readonly c: ClusterConnection,
    readonly namespace: string,
    readonly apiVersion: string,
    readonly kind: string,
  ) {}

  get synced(): boolean {
    return this.#synced;
  }

  /** Starts watching (once); resolves when the first list is in, or failed. */
  ready(): Promise<void> {
    this.#first ??= new Promise<void>((resolve) => void this.#run(resolve));
    return this.#first;
  }

  objects(selector: string): KubernetesObject[] {
    const service = selectedService(selector);
    const candidates = service === undefined ? this.#objects : this.#byService.get(service);
    if (!candidates) return [];
    return [...candidates.values()]
      .filter(matcher(selector))
      .sort((a, b) => (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""));
  }

  get(name: string): KubernetesObject | undefined {
    return this.#objects.get(name);
  }

  /** Keeps a version quikship wrote, unless the watch already brought a newer one. */
  keep(obj: KubernetesObject): void {
    const name = obj.metadata?.name ?? "";
    if (!matches(obj, MANAGED)) this.#delete(name);
    else if (newer(obj, this.#objects.get(name))) this.#set(name, obj);
  }

  drop(name: string): void {
    this.#delete(name);
  }

  #set(name: string, obj: KubernetesObject): void {
    const before = this.#objects.get(name);
    if (before && serviceOf(before) !== serviceOf(obj)) this.#byService.get(serviceOf(before))?.delete(name);
    this.#objects.set(name, obj);
    let same = this.#byService.get(serviceOf(obj));
    if (!same) this.#byService.set(serviceOf(obj), (same = new Map<string, KubernetesObject>()));
    same.set(name, obj);
  }

  #delete(name: string): void {
    const before = this.#objects.get(name);
    if (!before) return;
    this.#objects.delete(name);
    const same = this.#byService.get(serviceOf(before));
    same?.delete(name);
    if (same?.size === 0) this.#byService.delete(serviceOf(before));
  }

  stop(): void {
    this.#stopped = true;
    this.#stop?.();
  }

  async #run(firstListed: () => void): Promise<void> {
    let retryMs = RETRY_MS;
    let version: string | undefined;
    while (!this.#stopped) {
      try {
        if (version === undefined) {
          const list = await this.c.listAt(this.apiVersion, this.kind, this.namespace, MANAGED);
          this.#objects.clear();
          this.#byService.clear();
          for (const o of list.items) this.#set(o.metadata?.name ?? "", o);
          version = list.resourceVersion;
          this.#synced = true;
        }
        firstListed();
        const since = Date.now();
        const watch = await this.c.watch(
          this.apiVersion,
          this.kind,
          this.namespace,
          { labelSelector: MANAGED, resourceVersion: version, timeoutSeconds: String(WATCH_SECONDS) },
          (type, obj) => {
            version = obj.metadata?.resourceVersion ?? version;
            const name = obj.metadata?.name ?? "";
            // What quikship wrote may be kept before the watch brings the changes made before it.
            if (!newer(obj, this.#objects.get(name))) return;
            if (type === "DELETED") this.#delete(name);
            else this.#set(name, obj);
          },
        );
        this.#stop = watch.stop;
        if (this.#stopped) watch.stop();
        const deadline = setTimeout(watch.stop, WATCH_DEADLINE_MS).unref();
        const end = await watch.ended;
        clearTimeout(deadline);
        if (end === "expired") {
          this.#synced = false;
          version = undefined;
          continue;
        }
        retryMs = RETRY_MS;
        if (Date.now() - since < RETRY_MS) await pause(RETRY_MS);
      } catch (error) {
        // The server is away or refused: read from the cluster until a list succeeds again.
        this.#synced = false;
        version = undefined;
        firstListed();
        // A kind the cluster does not serve (no Gateway API, no External Secrets) is not asked again.
        if (error instanceof QuikshipError && error.kind === "not-found") return;
        await pause(retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    }
  }
}

function pause(ms: number): Promise<void> {
  // A watch never keeps the process alive, nor does its wait to try again.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * The cluster as the target reads it in one namespace: reads of a watched kind come from the
 * watch once it is synced, writes go to the API server and are kept.
 */
export class WatchedNamespace implements ClusterAccess {
  readonly #kinds = new Map<string, WatchedKind>();

  constructor(
    readonly c: ClusterConnection,
    readonly namespace: string,
  ) {
    for (const { apiVersion, kind } of WATCHED_KINDS)
      this.#kinds.set(`${apiVersion}/${kind}`, new WatchedKind(c, namespace, apiVersion, kind));
  }

  /** The watch of a kind in this namespace, synced (or given up for now); undefined when it is not watched. */
  async #watched(apiVersion: string, kind: string, namespace: string | undefined): Promise<WatchedKind | undefined> {
    const watched = namespace === this.namespace ? this.#kinds.get(`${apiVersion}/${kind}`) : undefined;
    if (!watched) return undefined;
    await watched.ready();
    return watched.synced ? watched : undefined;
  }

  /** Whether every watched kind is synced (starting the watches): reads then cost no request. */
  async synced(kinds: { apiVersion: string; kind: string }[]): Promise<boolean> {
    const ready = await Promise.all(kinds.map((k) => this.#watched(k.apiVersion, k.kind, this.namespace)));
    return ready.every((w) => w !== undefined);
  }

  async list(apiVersion: string, kind: string, namespace: string, labelSelector: string): Promise<KubernetesObject[]> {
    const watched = await this.#watched(apiVersion, kind, namespace);
    if (!watched || !labelSelector.includes(MANAGED)) return this.c.list(apiVersion, kind, namespace, labelSelector);
    // Shared with the watch: read, never changed.
    return watched.objects(labelSelector);
  }

  async read<T extends KubernetesObject = KubernetesObject>(ref: ObjectRef): Promise<T | undefined> {
    const watched = await this.#watched(ref.apiVersion, ref.kind, ref.metadata.namespace);
    if (!watched) return this.c.read<T>(ref);
    // The target reads only objects it manages by name: one the watch does not have does not exist.
    // Shared with the watch: read, never changed.
    return watched.get(ref.metadata.name) as T | undefined;
  }

  async apply(
    objects: KubernetesObject[],
    opts: { dryRun?: boolean; manager?: string } = {},
  ): Promise<KubernetesObject[]> {
    const applied = await this.c.apply(objects, opts);
    if (!opts.dryRun) {
      for (const o of applied)
        if (o.metadata?.namespace === this.namespace) this.#kinds.get(`${o.apiVersion}/${o.kind}`)?.keep(o);
    }
    return applied;
  }

  async delete(ref: ObjectRef): Promise<void> {
    await this.c.delete(ref);
    if (ref.metadata.namespace === this.namespace)
      this.#kinds.get(`${ref.apiVersion}/${ref.kind}`)?.drop(ref.metadata.name);
  }

  stop(): void {
    for (const k of this.#kinds.values()) k.stop();
  }
}
