/**
 * Test double of the Kubernetes API — the resource table and discovery documents.
 *
 * Only the resources quikship's kubernetes target uses. Discovery follows the API reference,
 * "API Overview › API groups and versioning" and the legacy (unaggregated) discovery documents
 * `APIVersions`, `APIGroupList` and `APIResourceList`: a client that asks for aggregated discovery
 * (`as=APIGroupDiscoveryList`) gets plain JSON back and falls back, as kubectl does against
 * servers older than 1.26.
 */

export interface ResourceType {
  group: string;
  version: string;
  /** The plural, as in the URL. */
  name: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  /** Subresources served (status, scale, log). */
  subresources: string[];
  /** Whether the main resource ignores `.status` and the status subresource everything else ("spec/status split"). */
  hasStatus: boolean;
}

const VERBS = ["create", "delete", "get", "list", "patch", "update", "watch"];

function type(
  gv: string,
  name: string,
  kind: string,
  opts: { shortNames?: string[]; sub?: string[]; cluster?: boolean } = {},
): ResourceType {
  const [group, version] = gv.includes("/") ? (gv.split("/") as [string, string]) : ["", gv];
  const sub = opts.sub ?? [];
  return {
    group,
    version,
    name,
    singular: kind.toLowerCase(),
    kind,
    namespaced: !opts.cluster,
    shortNames: opts.shortNames ?? [],
    subresources: sub,
    hasStatus: sub.includes("status"),
  };
}

export const RESOURCES: readonly ResourceType[] = [
  type("v1", "namespaces", "Namespace", { shortNames: ["ns"], cluster: true, sub: ["status"] }),
  type("v1", "pods", "Pod", { shortNames: ["po"], sub: ["status", "log"] }),
  type("v1", "services", "Service", { shortNames: ["svc"], sub: ["status"] }),
  type("v1", "endpoints", "Endpoints", { shortNames: ["ep"] }),
  type("v1", "configmaps", "ConfigMap", { shortNames: ["cm"] }),
  type("v1", "secrets", "Secret"),
  type("v1", "serviceaccounts", "ServiceAccount", { shortNames: ["sa"] }),
  type("v1", "events", "Event", { shortNames: ["ev"] }),
  type("apps/v1", "deployments", "Deployment", { shortNames: ["deploy"], sub: ["status", "scale"] }),
  type("apps/v1", "replicasets", "ReplicaSet", { shortNames: ["rs"], sub: ["status", "scale"] }),
  type("autoscaling/v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", {
    shortNames: ["hpa"],
    sub: ["status"],
  }),
  type("policy/v1", "poddisruptionbudgets", "PodDisruptionBudget", { shortNames: ["pdb"], sub: ["status"] }),
  type("networking.k8s.io/v1", "networkpolicies", "NetworkPolicy", { shortNames: ["netpol"] }),
  type("gateway.networking.k8s.io/v1", "httproutes", "HTTPRoute", { sub: ["status"] }),
  type("gateway.networking.k8s.io/v1", "gateways", "Gateway", { shortNames: ["gtw"], sub: ["status"] }),
  type("external-secrets.io/v1", "externalsecrets", "ExternalSecret", { shortNames: ["es"], sub: ["status"] }),
];

export function groupVersion(r: Pick<ResourceType, "group" | "version">): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export function findResource(group: string, version: string, name: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.name === name);
}

export function findKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCES.find((r) => groupVersion(r) === apiVersion && r.kind === kind);
}

/** `GET /api`: the core group's versions. */
export function apiVersions(): object {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1" }],
  };
}

function groups(): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of RESOURCES) if (r.group) out.set(r.group, groupVersion(r));
  return out;
}

/** `GET /apis`: every named group with its one (preferred) version. */
export function apiGroupList(): object {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: [...groups()].map(([name, gv]) => {
      const v = { groupVersion: gv, version: gv.split("/")[1] };
      return { name, versions: [v], preferredVersion: v };
    }),
  };
}

export function hasGroupVersion(gv: string): boolean {
  return RESOURCES.some((r) => groupVersion(r) === gv);
}

/** `GET /api/v1`, `GET /apis/GROUP/VERSION`: the resources and subresources of a group version. */
export function apiResourceList(gv: string): object {
  const resources: object[] = [];
  for (const r of RESOURCES.filter((x) => groupVersion(x) === gv)) {
    resources.push({
      name: r.name,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: VERBS,
      shortNames: r.shortNames.length > 0 ? r.shortNames : undefined,
    });
    for (const sub of r.subresources) resources.push(subresource(r, sub));
  }
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: gv, resources };
}

function subresource(r: ResourceType, sub: string): object {
  const name = `${r.name}/${sub}`;
  if (sub === "scale") {
    const scale = { group: "autoscaling", version: "v1", kind: "Scale", verbs: ["get", "patch", "update"] };
    return { name, singularName: "", namespaced: r.namespaced, ...scale };
  }
  if (sub === "log") return { name, singularName: "", namespaced: true, kind: "Pod", verbs: ["get"] };
  return { name, singularName: "", namespaced: r.namespaced, kind: r.kind, verbs: ["get", "patch", "update"] };
}
