/**
 * Test double of the Kubernetes API — per-kind defaulting and validation.
 *
 * API reference: the defaults documented on each field of `apps/v1 DeploymentSpec` (replicas 1,
 * RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600), `core/v1 PodSpec`
 * and `Container` (restartPolicy Always, imagePullPolicy IfNotPresent, or Always for `:latest`),
 * `core/v1 ServicePort` (protocol TCP, targetPort = port); and the validations a target can trip:
 * a Deployment's selector must match its template's labels and cannot change.
 */
import { isObject, sameValue } from "./fieldset.js";
import { matchesSelector } from "./selectors.js";
import type { ResourceType } from "./resources.js";
import { invalid } from "./status.js";

type Obj = Record<string, unknown>;

function obj(parent: Obj, key: string): Obj {
  if (!isObject(parent[key])) parent[key] = {};
  return parent[key] as Obj;
}

function defaultPodSpec(spec: Obj): void {
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.schedulerName ??= "default-scheduler";
  // Struct-valued fields without omitempty: Go clients always send them, so they are always stored.
  spec.securityContext ??= {};
  const containers = Array.isArray(spec.containers) ? (spec.containers as Obj[]) : [];
  for (const c of containers) {
    const image = typeof c.image === "string" ? c.image : "";
    const tag = image.includes(":") ? image.slice(image.lastIndexOf(":") + 1) : "latest";
    c.imagePullPolicy ??= tag === "latest" ? "Always" : "IfNotPresent";
    c.resources ??= {};
    c.terminationMessagePath ??= "/dev/termination-log";
    c.terminationMessagePolicy ??= "File";
    for (const p of Array.isArray(c.ports) ? (c.ports as Obj[]) : []) p.protocol ??= "TCP";
  }
}

export function applyDefaults(r: ResourceType, o: Obj): void {
  const spec = isObject(o.spec) ? o.spec : undefined;
  if (!spec) return;
  if (r.kind === "Deployment" || r.kind === "ReplicaSet") {
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= r.kind === "Deployment" ? 10 : undefined;
    if (r.kind === "Deployment") {
      spec.progressDeadlineSeconds ??= 600;
      const strategy = obj(spec, "strategy");
      strategy.type ??= "RollingUpdate";
      if (strategy.type === "RollingUpdate") {
        const ru = obj(strategy, "rollingUpdate");
        ru.maxSurge ??= "25%";
        ru.maxUnavailable ??= "25%";
      }
    }
    if (spec.revisionHistoryLimit === undefined) delete spec.revisionHistoryLimit;
    defaultPodSpec(obj(obj(spec, "template"), "spec"));
  }
  if (r.kind === "Pod") defaultPodSpec(spec);
  if (r.kind === "Service") {
    spec.type ??= "ClusterIP";
    spec.sessionAffinity ??= "None";
    for (const p of Array.isArray(spec.ports) ? (spec.ports as Obj[]) : []) {
      p.protocol ??= "TCP";
      p.targetPort ??= p.port;
    }
  }
}

function labelsOf(o: unknown): Record<string, string> {
  const m = isObject(o) && isObject(o.metadata) ? o.metadata : {};
  return (isObject(m.labels) ? m.labels : {}) as Record<string, string>;
}

/**
 * HTTPRoute's schema (gateway.networking.k8s.io/v1): `backendRefs[].weight` is an int32 from 0 to
 * 1,000,000; the API server refuses any other number, as it checks every CRD's OpenAPI schema.
 */
function validateRoute(o: Obj): void {
  const name = String((o.metadata as Obj).name);
  const rules = isObject(o.spec) && Array.isArray(o.spec.rules) ? (o.spec.rules as unknown[]) : [];
  rules.forEach((rule, i) => {
    const refs = isObject(rule) && Array.isArray(rule.backendRefs) ? (rule.backendRefs as unknown[]) : [];
    refs.forEach((ref, j) => {
      const weight = isObject(ref) ? ref.weight : undefined;
      if (weight === undefined) return;
      const field = `spec.rules[${i}].backendRefs[${j}].weight`;
      if (typeof weight !== "number" || !Number.isInteger(weight))
        throw invalid(
          "HTTPRoute.gateway.networking.k8s.io",
          name,
          field,
          `Invalid value: "${typeof weight}": ${field} in body must be of type integer: "${typeof weight}"`,
        );
      if (weight < 0 || weight > 1_000_000)
        throw invalid(
          "HTTPRoute.gateway.networking.k8s.io",
          name,
          field,
          `Invalid value: ${weight}: ${field} in body should be ${weight < 0 ? "greater than or equal to 0" : "less than or equal to 1000000"}`,
        );
    });
  });
}

export function validate(r: ResourceType, o: Obj, old: Obj | undefined): void {
  if (r.kind === "HTTPRoute") return validateRoute(o);
  if (r.kind !== "Deployment" && r.kind !== "ReplicaSet") return;
  const name = String((o.metadata as Obj).name);
  const kind = `${r.kind}.${r.group}`;
  const spec = isObject(o.spec) ? o.spec : {};
  if (!isObject(spec.selector)) throw invalid(kind, name, "spec.selector", "Required value");
  if (!matchesSelector(spec.selector, labelsOf(spec.template))) {
    throw invalid(
      kind,
      name,
      "spec.template.metadata.labels",
      "Invalid value: `selector` does not match template `labels`",
    );
  }
  const before = old && isObject(old.spec) ? old.spec.selector : undefined;
  if (before !== undefined && !sameValue(before, spec.selector)) {
    throw invalid(kind, name, "spec.selector", "Invalid value: field is immutable");
  }
  const template = isObject(spec.template) && isObject(spec.template.spec) ? spec.template.spec : {};
  const containers = Array.isArray(template.containers) ? (template.containers as Obj[]) : [];
  if (containers.length === 0) throw invalid(kind, name, "spec.template.spec.containers", "Required value");
  containers.forEach((c, i) => {
    if (!c.image) throw invalid(kind, name, `spec.template.spec.containers[${i}].image`, "Required value");
  });
}

/** Whether a write changes what `metadata.generation` counts: the spec (everything but metadata and status). */
export function specChanged(old: Obj, next: Obj): boolean {
  const strip = (o: Obj): Obj => {
    const { metadata: _m, status: _s, ...rest } = o;
    return rest;
  };
  return !sameValue(strip(old), strip(next));
}
