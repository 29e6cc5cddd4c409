/**
 * Test double of the Kubernetes API — the verbs: get, list, create, update, patch, apply, delete,
 * and the status and scale subresources.
 *
 * API reference: "API Concepts" (verbs, `dryRun=All` persisting nothing, `fieldManager`, the
 * `metadata.resourceVersion` precondition of updates), "Server-Side Apply" (`PATCH` with
 * `application/apply-patch+yaml`: creates when absent, `force`), "Owners and Dependents"
 * (deleting an owner deletes its dependents — the double collects them at once, whatever the
 * propagation policy) and the `autoscaling/v1 Scale` subresource of Deployments and ReplicaSets.
 */
import { randomUUID } from "node:crypto";
import { isObject, sameValue } from "./fieldset.js";
import { applyDefaults, specChanged, validate } from "./kinds.js";
import type { Scope, Writer } from "./managed.js";
import { applyConfiguration, recordUpdate } from "./managed.js";
import { jsonPatch, mergePatch, strategicMergePatch } from "./merge.js";
import type { ResourceType } from "./resources.js";
import { RESOURCES, findResource, groupVersion } from "./resources.js";
import { fieldSelector, labelSelector } from "./selectors.js";
import { ApiStatusError, alreadyExists, badRequest, notFound, staleVersion } from "./status.js";
import type { ObjectStore } from "./store.js";
import { meta } from "./store.js";

type Obj = Record<string, unknown>;
export interface WriteOptions {
  manager: string;
  dryRun: boolean;
  scope: Scope;
  subresource?: string;
}
export const PATCH_TYPES = [
  "application/apply-patch+yaml",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
  "application/json-patch+json",
] as const;
export type PatchType = (typeof PATCH_TYPES)[number];

const NAMESPACES = findResource("", "v1", "namespaces") as ResourceType;

export class KubeApi {
  constructor(
    readonly store: ObjectStore,
    readonly now: () => string,
  ) {}

  get(r: ResourceType, ns: string | undefined, name: string): Obj {
    const obj = this.store.get(r, ns, name);
    if (!obj) throw notFound(r.group, r.name, name);
    return withType(r, obj);
  }

  list(r: ResourceType, ns: string | undefined, labels: string | null, fields: string | null): Obj {
    const byLabel = labelSelector(labels);
    const byField = fieldSelector(fields);
    const items = this.store.list(r, ns, (o) => byLabel(o) && byField(o)).map((o) => withType(r, o));
    const listKind = `${r.kind}List`;
    const rv = String(this.store.resourceVersion);
    return { kind: listKind, apiVersion: groupVersion(r), metadata: { resourceVersion: rv }, items };
  }

  create(r: ResourceType, ns: string | undefined, body: Obj, opts: WriteOptions): Obj {
    const obj = structuredClone(body);
    const m = meta(obj);
    if (!m.name && typeof m.generateName === "string") m.name = `${m.generateName}${randomUUID().slice(0, 5)}`;
    if (!m.name) throw new ApiStatusError(422, "Invalid", `${r.kind} "" is invalid: metadata.name: Required value`);
    this.#checkNamespace(r, ns, m);
    const name = m.name as string;
    if (this.store.get(r, ns, name)) throw alreadyExists(r.group, r.name, name);
    const recorded = recordUpdate(undefined, scopeBody(r, obj, opts.scope), this.#writer(r, opts));
    return this.#save(r, undefined, recorded, opts);
  }

  update(r: ResourceType, ns: string | undefined, name: string, body: Obj, opts: WriteOptions): Obj {
    const old = this.get(r, ns, name);
    const rv = meta(body).resourceVersion;
    if (rv !== undefined && rv !== "" && rv !== meta(old).resourceVersion) throw staleVersion(r.group, r.name, name);
    const next = withinScope(r, old, structuredClone(body), opts.scope);
    return this.#save(r, old, recordUpdate(old, next, this.#writer(r, opts)), opts);
  }

  patch(
    r: ResourceType,
    ns: string | undefined,
    name: string,
    type: PatchType,
    body: unknown,
    opts: WriteOptions & { force: boolean },
  ): Obj {
    if (type === "application/apply-patch+yaml") return this.#apply(r, ns, name, body, opts);
    const old = this.get(r, ns, name);
    const patched =
      type === "application/json-patch+json"
        ? jsonPatch(old, body)
        : type === "application/merge-patch+json"
          ? mergePatch(old, body)
          : strategicMergePatch(old, body);
    if (!isObject(patched)) throw badRequest("the patch did not produce an object");
    const rv = meta(patched).resourceVersion;
    if (rv !== undefined && rv !== meta(old).resourceVersion) throw staleVersion(r.group, r.name, name);
    const next = withinScope(r, old, patched, opts.scope);
    return this.#save(r, old, recordUpdate(old, next, this.#writer(r, opts)), opts);
  }

  #apply(
    r: ResourceType,
    ns: string | undefined,
    name: string,
    body: unknown,
    opts: WriteOptions & { force: boolean },
  ): Obj {
    if (!isObject(body)) throw badRequest("an apply patch must be an object");
    if (body.apiVersion !== groupVersion(r) || body.kind !== r.kind) {
      throw badRequest(`the apply configuration's apiVersion and kind must be ${groupVersion(r)} ${r.kind}`);
    }
    const m = meta(body);
    if (m.name !== name)
      throw badRequest(`the name of the object (${String(m.name)}) does not match the name on the URL (${name})`);
    const old = this.store.get(r, ns, name);
    if (!old) this.#checkNamespace(r, ns, m);
    if (m.resourceVersion !== undefined && old && m.resourceVersion !== meta(old).resourceVersion) {
      throw staleVersion(r.group, r.name, name);
    }
    const applied = applyConfiguration(old ? withType(r, old) : undefined, body, this.#writer(r, opts), opts.force);
    return this.#save(r, old, applied, opts);
  }

  delete(r: ResourceType, ns: string | undefined, name: string, dryRun: boolean): Obj {
    const obj = this.get(r, ns, name);
    if (dryRun) return obj;
    this.store.delete(r, ns, name);
    this.#collectDependents(String(meta(obj).uid));
    return obj;
  }

  #collectDependents(uid: string): void {
    for (const r of RESOURCES) {
      for (const o of this.store.list(r, undefined)) {
        const owners = Array.isArray(meta(o).ownerReferences) ? (meta(o).ownerReferences as Obj[]) : [];
        if (owners.some((ref) => ref.uid === uid))
          this.delete(r, meta(o).namespace as string | undefined, String(meta(o).name), false);
      }
    }
  }

  getScale(r: ResourceType, ns: string | undefined, name: string): Obj {
    const obj = this.get(r, ns, name);
    const m = meta(obj);
    const spec = isObject(obj.spec) ? obj.spec : {};
    const status = isObject(obj.status) ? obj.status : {};
    const selector = isObject(spec.selector) && isObject(spec.selector.matchLabels) ? spec.selector.matchLabels : {};
    return {
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      metadata: {
        name,
        namespace: ns,
        uid: m.uid,
        resourceVersion: m.resourceVersion,
        creationTimestamp: m.creationTimestamp,
      },
      spec: { replicas: spec.replicas },
      status: {
        replicas: status.replicas ?? 0,
        selector: Object.entries(selector)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(","),
      },
    };
  }

  /** PUT or PATCH of `/scale`: the new Scale's `spec.replicas` becomes the object's. */
  setScale(
    r: ResourceType,
    ns: string | undefined,
    name: string,
    scale: unknown,
    manager: string,
    dryRun: boolean,
  ): Obj {
    const replicas = isObject(scale) && isObject(scale.spec) ? scale.spec.replicas : undefined;
    if (typeof replicas !== "number" || replicas < 0 || !Number.isInteger(replicas)) {
      throw new ApiStatusError(
        422,
        "Invalid",
        `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: must be a non-negative integer`,
      );
    }
    const old = this.get(r, ns, name);
    const next = structuredClone(old);
    (next.spec as Obj).replicas = replicas;
    const opts: WriteOptions = { manager, dryRun, scope: "main", subresource: "scale" };
    this.#save(r, old, recordUpdate(old, next, this.#writer(r, opts)), opts);
    return dryRun ? { ...this.getScale(r, ns, name), spec: { replicas } } : this.getScale(r, ns, name);
  }

  #writer(r: ResourceType, opts: WriteOptions): Writer {
    const writer: Writer = { manager: opts.manager, apiVersion: groupVersion(r), now: this.now(), scope: opts.scope };
    return opts.subresource ? { ...writer, subresource: opts.subresource } : writer;
  }

  #checkNamespace(r: ResourceType, ns: string | undefined, m: Obj): void {
    if (!r.namespaced) return;
    if (m.namespace !== undefined && m.namespace !== ns) {
      throw badRequest(`the namespace of the provided object does not match the namespace sent on the request`);
    }
    if (!this.store.get(NAMESPACES, undefined, ns ?? "")) throw notFound("", "namespaces", ns ?? "");
    m.namespace = ns;
  }

  /** Identity, defaults, validation, generation; then stored (unless a dry run). */
  #save(r: ResourceType, old: Obj | undefined, next: Obj, opts: WriteOptions): Obj {
    const obj = withType(r, dropNulls(next) as Obj);
    const m = meta(obj);
    if (old) {
      const o = meta(old);
      Object.assign(m, { uid: o.uid, creationTimestamp: o.creationTimestamp, name: o.name, generation: o.generation });
      if (o.namespace !== undefined) m.namespace = o.namespace;
    } else {
      Object.assign(m, { uid: randomUUID(), creationTimestamp: this.now(), generation: 1 });
    }
    if (!r.namespaced) delete m.namespace;
    applyDefaults(r, obj);
    validate(r, obj, old);
    if (old && specChanged(old, obj)) m.generation = Number(m.generation) + 1;
    if (old && unchanged(old, obj)) return old;
    if (opts.dryRun) return obj;
    return this.store.put(r, obj);
  }
}

/** What decoding into the API's types does: a null field is an absent one (`creationTimestamp: null` from Go clients). */
function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => [k, dropNulls(x)]),
  );
}

function withType(r: ResourceType, obj: Obj): Obj {
  return { apiVersion: groupVersion(r), kind: r.kind, ...obj };
}

/** On resources with a status subresource, the main resource keeps the old status and `/status` the old rest. */
function withinScope(r: ResourceType, old: Obj, next: Obj, scope: Scope): Obj {
  if (!r.hasStatus || scope === "all") return next;
  if (scope === "main") return { ...next, status: old.status };
  return { ...old, metadata: { ...meta(old), managedFields: meta(next).managedFields }, status: next.status };
}

/** A write that changes nothing but the managers' timestamps stores nothing and keeps the version. */
function unchanged(old: Obj, next: Obj): boolean {
  const normal = (o: Obj): Obj => {
    const m: Obj = { ...meta(o), resourceVersion: undefined };
    const entries = Array.isArray(m.managedFields) ? (m.managedFields as Obj[]) : [];
    return { ...o, metadata: { ...m, managedFields: entries.map((e) => ({ ...e, time: undefined })) } };
  };
  return sameValue(normal(old), normal(next));
}

function scopeBody(r: ResourceType, obj: Obj, scope: Scope): Obj {
  if (!r.hasStatus || scope !== "main") return obj;
  const { status: _s, ...rest } = obj;
  return rest;
}
