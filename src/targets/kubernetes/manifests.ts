/**
 * The objects of one revision as the kubernetes target applies them, made from the service's
 * rendering (`src/manifests/`, what `quikship render` builds): the Deployment and the ConfigMap
 * it reads become the revision's own (`SERVICE-rN`, `SERVICE-config-rN`, labelled with the
 * revision, so a revision is pruned by label selector), beside a Service `SERVICE-rN` for the
 * route's backend weights. The rest (Service `SERVICE` over the revisions' pods, see selector.ts; ServiceAccount,
 * ExternalSecret, PDB, NetworkPolicy) is shared by the revisions; the HPA follows the revision
 * that serves all traffic. Pure.
 */
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Environment, Service } from "../../config/types.js";
import type { BuiltObject, ServiceBuild } from "../../manifests/built.js";
import { LABELS, revisionName, revisionService } from "./objects.js";

/** Where the target finds a revision's rendering: stored with the revision, else rendered (and stored) now. */
export interface ManifestSource {
  /** The rendering of `revision`; with `tag` undefined, only a stored one (undefined when none). */
  forRevision(
    environment: Environment,
    service: Service,
    revision: number,
    tag: string | undefined,
  ): Promise<ServiceBuild | undefined>;
}

export interface RevisionObjects {
  /** Applied per revision, pruned with it. */
  revision: KubernetesObject[];
  /** Applied by every revision; what a later rendering no longer has is pruned. */
  shared: KubernetesObject[];
  /** The HorizontalPodAutoscaler, pointed at the revision once it serves all traffic. */
  autoscaler: KubernetesObject | undefined;
}

type Json = Record<string, unknown>;
const record = (v: unknown): Json => (typeof v === "object" && v !== null ? (v as Json) : {});

/** The kinds whose objects every revision shares, in the order they are applied (what is read before what reads it). */
export const SHARED_KINDS = [
  { apiVersion: "v1", kind: "ServiceAccount" },
  { apiVersion: "external-secrets.io/v1", kind: "ExternalSecret" },
  { apiVersion: "v1", kind: "ConfigMap" },
  { apiVersion: "v1", kind: "Service" },
  { apiVersion: "policy/v1", kind: "PodDisruptionBudget" },
  { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy" },
  { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler" },
] as const;

/** The revision's ConfigMap name. */
export function revisionConfigName(name: string, revision: number): string {
  return `${name}-r${revision}`;
}

function revisionLabels(o: BuiltObject, revision: number): Record<string, string> {
  return { ...o.metadata.labels, [LABELS.managedBy]: "quikship", [LABELS.revision]: String(revision) };
}

/** The replicas the engine asked a revision to run, kept on its Deployment (which may run fewer: a replica-ratio split). */
export const REQUESTED_REPLICAS = "quikship.io/replicas";

interface Sizes {
  /** What the Deployment runs now. */
  replicas: number;
  /** What the engine asked for. */
  requested: number;
}

function deployment(o: BuiltObject, service: Service, revision: number, sizes: Sizes, configs: Set<string>): Json {
  const spec = record(o.spec);
  const template = record(spec.template);
  const podSpec = record(template.spec);
  const selectorLabels = { ...record(record(spec.selector).matchLabels), [LABELS.revision]: String(revision) };
  const containers = (podSpec.containers as Json[] | undefined)?.map((c) => ({
    ...c,
    envFrom: (c.envFrom as Json[] | undefined)?.map((from) => {
      const ref = record(from.configMapRef);
      return typeof ref.name === "string" && configs.has(ref.name)
        ? { ...from, configMapRef: { ...ref, name: revisionConfigName(ref.name, revision) } }
        : from;
    }),
  }));
  const podLabels = { ...record(record(template.metadata).labels), ...selectorLabels };
  return {
    ...o,
    metadata: {
      ...o.metadata,
      name: revisionName(service, revision),
      labels: revisionLabels(o, revision),
      annotations: { ...o.metadata.annotations, [REQUESTED_REPLICAS]: String(sizes.requested) },
    },
    spec: {
      ...spec,
      replicas: sizes.replicas,
      selector: { matchLabels: selectorLabels },
      template: {
        ...template,
        metadata: { ...record(template.metadata), labels: podLabels },
        spec: { ...podSpec, containers },
      },
    },
  };
}

/**
 * The objects of `revision` from its service's rendering, its Deployment running `replicas`
 * (`requested`: what the engine asked, when a replica-ratio split runs fewer).
 */
export function revisionObjects(
  environment: Environment,
  service: Service,
  revision: number,
  replicas: number,
  build: ServiceBuild,
  requested = replicas,
): RevisionObjects {
  const deployments = build.objects.filter((o) => o.kind === "Deployment");
  const configs = new Set(build.objects.filter((o) => o.kind === "ConfigMap").map((o) => o.metadata.name));
  const out: RevisionObjects = { revision: [], shared: [], autoscaler: undefined };
  for (const o of build.objects) {
    if (o.kind === "ConfigMap") {
      const name = revisionConfigName(o.metadata.name, revision);
      out.revision.push({ ...o, metadata: { ...o.metadata, name, labels: revisionLabels(o, revision) } });
    } else if (o.kind === "HorizontalPodAutoscaler") out.autoscaler = o;
    else if (o.kind !== "Deployment") out.shared.push(o);
  }
  for (const d of deployments) out.revision.push(deployment(d, service, revision, { replicas, requested }, configs));
  out.revision.push(revisionService(environment, service, revision));
  return out;
}

/**
 * The HPA pointed at the Deployment `name` (a revision's `SERVICE-rN`, or the rolling `SERVICE`);
 * with `min` (a `quikship scale` of the revision), its minReplicas, and maxReplicas raised to it when below.
 */
export function autoscalerFor(hpa: KubernetesObject, name: string, min?: number): KubernetesObject {
  const spec = record((hpa as Json).spec);
  const ref = { ...record(spec.scaleTargetRef), name };
  const bounds =
    min === undefined ? {} : { minReplicas: min, maxReplicas: Math.max(min, Number(spec.maxReplicas ?? min)) };
  return { ...hpa, spec: { ...spec, ...bounds, scaleTargetRef: ref } } as KubernetesObject;
}
