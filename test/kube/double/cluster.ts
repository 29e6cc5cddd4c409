/**
 * Test double of the Kubernetes API — what the simulated controllers share: typed reads, writes
 * under a controller's field manager, events, and the injected time.
 *
 * Events follow `core/v1 Event` (involvedObject, reason, message, type Normal|Warning, source,
 * first/lastTimestamp, count) as the controllers' event recorders write them.
 */
import { randomBytes } from "node:crypto";
import type { KubeApi } from "./api.js";
import { isObject } from "./fieldset.js";
import type { ResourceType } from "./resources.js";
import { findResource, groupVersion } from "./resources.js";
import type { ObjectStore } from "./store.js";
import { meta } from "./store.js";

export type Obj = Record<string, unknown>;

/** A simulated controller: reads the store and writes through the API, every time the cluster reconciles. */
export interface Controller {
  readonly name: string;
  reconcile(cluster: Cluster): void;
}

function resource(group: string, version: string, name: string): ResourceType {
  const r = findResource(group, version, name);
  if (!r) throw new Error(`the test double has no resource ${name}`);
  return r;
}

export const R = {
  namespaces: resource("", "v1", "namespaces"),
  pods: resource("", "v1", "pods"),
  events: resource("", "v1", "events"),
  deployments: resource("apps", "v1", "deployments"),
  replicasets: resource("apps", "v1", "replicasets"),
  services: resource("", "v1", "services"),
  endpoints: resource("", "v1", "endpoints"),
  hpas: resource("autoscaling", "v2", "horizontalpodautoscalers"),
  pdbs: resource("policy", "v1", "poddisruptionbudgets"),
  httproutes: resource("gateway.networking.k8s.io", "v1", "httproutes"),
} as const;

export function spec(o: Obj): Obj {
  if (!isObject(o.spec)) o.spec = {};
  return o.spec as Obj;
}

export function status(o: Obj): Obj {
  if (!isObject(o.status)) o.status = {};
  return o.status as Obj;
}

export function labels(o: Obj): Record<string, string> {
  const m = meta(o);
  return (isObject(m.labels) ? m.labels : {}) as Record<string, string>;
}

export function annotations(o: Obj): Record<string, string> {
  const m = meta(o);
  if (!isObject(m.annotations)) m.annotations = {};
  return m.annotations as Record<string, string>;
}

/** Whether `owner` is the controller owner (ownerReferences[].controller) of an object. */
export function controlledBy(owner: Obj): (o: Obj) => boolean {
  const uid = meta(owner).uid;
  return (o) => {
    const refs = Array.isArray(meta(o).ownerReferences) ? (meta(o).ownerReferences as Obj[]) : [];
    return refs.some((ref) => ref.uid === uid && ref.controller === true);
  };
}

/** Objects whose controller owner (ownerReferences[].controller) is `owner`. */
export function ownedBy(items: Obj[], owner: Obj): Obj[] {
  return items.filter(controlledBy(owner));
}

export function ownerReference(r: ResourceType, owner: Obj): Obj {
  const m = meta(owner);
  return {
    apiVersion: groupVersion(r),
    kind: r.kind,
    name: m.name,
    uid: m.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export class Cluster {
  constructor(
    readonly api: KubeApi,
    readonly store: ObjectStore,
    readonly nowMs: () => number,
  ) {}

  stamp(ms = this.nowMs()): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  /** Copies of the objects of a kind (in `ns`) that pass `filter`, which sees them read only. */
  list(r: ResourceType, ns?: string, filter?: (o: Obj) => boolean): Obj[] {
    return this.store.list(r, ns, filter);
  }

  /** The objects of kind `r` that `owner` controls, in its namespace. */
  owned(r: ResourceType, owner: Obj): Obj[] {
    return this.store.list(r, String(meta(owner).namespace), controlledBy(owner));
  }

  create(r: ResourceType, obj: Obj, manager: string): Obj {
    return this.api.create(r, meta(obj).namespace as string | undefined, obj, {
      manager,
      dryRun: false,
      scope: "main",
    });
  }

  /** An update of the main resource (spec, metadata) by `manager`. */
  update(r: ResourceType, obj: Obj, manager: string): Obj {
    const m = meta(obj);
    const body = { ...obj, metadata: { ...m, resourceVersion: undefined } };
    return this.api.update(r, m.namespace as string | undefined, String(m.name), body, {
      manager,
      dryRun: false,
      scope: "main",
    });
  }

  /** An update of `/status` by `manager`. */
  writeStatus(r: ResourceType, obj: Obj, manager: string): Obj {
    const m = meta(obj);
    const body = { ...obj, metadata: { ...m, resourceVersion: undefined } };
    return this.api.update(r, m.namespace as string | undefined, String(m.name), body, {
      manager,
      dryRun: false,
      scope: "status",
    });
  }

  delete(r: ResourceType, obj: Obj): void {
    const m = meta(obj);
    this.api.delete(r, m.namespace as string | undefined, String(m.name), false);
  }

  event(involved: Obj, type: "Normal" | "Warning", reason: string, message: string, component: string): void {
    const m = meta(involved);
    const stamp = this.stamp();
    const event: Obj = {
      metadata: { name: `${String(m.name)}.${randomBytes(8).toString("hex")}`, namespace: m.namespace },
      involvedObject: {
        apiVersion: involved.apiVersion,
        kind: involved.kind,
        name: m.name,
        namespace: m.namespace,
        uid: m.uid,
        resourceVersion: m.resourceVersion,
      },
      reason,
      message,
      type,
      source: { component },
      reportingComponent: component,
      firstTimestamp: stamp,
      lastTimestamp: stamp,
      count: 1,
    };
    this.create(R.events, event, component);
  }
}
