/**
 * The check before a blue-green switch on Kubernetes: a GET of the service's health path under its
 * prefix `/SERVICE` at the environment's `url` (its Gateway's address, whose host the HTTPRoute's
 * hostnames name; the route strips the prefix before the service sees the request), carrying
 * the headers the preview rule of the service's HTTPRoute matches, so the Gateway sends it to the
 * preview revision. Without a Gateway or a `url` nothing outside the cluster reaches the preview
 * (its own Service `SERVICE-rN` is cluster-internal): the check is skipped, and says why.
 */
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Environment, Service } from "../../config/types.js";
import type { PreviewCheck } from "../types.js";
import type { ClusterConnection } from "./connection.js";
import { routePrefix } from "./objects.js";

const PROBE_TIMEOUT_MS = 10_000;

interface HeaderMatch {
  type?: string;
  name: string;
  value: string;
}

interface RouteRule {
  matches?: { headers?: HeaderMatch[] }[];
  backendRefs?: { name: string }[];
}

interface PreviewRule {
  backend: string;
  headers: Record<string, string>;
}

/** The route's rule that sends requests matching headers (Exact) to one backend: the preview rule. */
export function previewRule(
  route: (KubernetesObject & { spec?: { rules?: RouteRule[] } }) | undefined,
): PreviewRule | undefined {
  for (const rule of route?.spec?.rules ?? []) {
    const backend = rule.backendRefs?.[0]?.name;
    const match = rule.matches?.find(
      (m) => (m.headers ?? []).length > 0 && (m.headers ?? []).every((h) => (h.type ?? "Exact") === "Exact"),
    );
    if (backend && match) return { backend, headers: Object.fromEntries(match.headers!.map((h) => [h.name, h.value])) };
  }
  return undefined;
}

/** Why the preview cannot be asked from outside the cluster; undefined when it can. */
function unreachable(environment: Environment): string | undefined {
  const own = "the preview revision's own Service, which nothing outside the cluster reaches";
  if (!environment.gateway) return `${environment.name} has no gateway: the preview is ${own}`;
  if (!environment.url) return `${environment.name} has no url, the address of its Gateway: the preview is ${own}`;
  return undefined;
}

export async function probePreview(
  c: ClusterConnection,
  environment: Environment,
  service: Service,
  signal: AbortSignal,
): Promise<PreviewCheck> {
  const why = unreachable(environment);
  if (why) return { outcome: "skipped", reason: why };
  const route = await c.read({
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: service.name, namespace: environment.namespace },
  });
  const rule = previewRule(route);
  if (!rule) return { outcome: "failed", reason: `the HTTPRoute ${service.name} has no preview rule (a header match)` };
  const health = service.healthPath.startsWith("/") ? service.healthPath : `/${service.healthPath}`;
  const url = new URL(`${routePrefix(service)}${health}`, environment.url).toString();
  const headers = Object.entries(rule.headers).map(([k, v]) => `${k}: ${v}`);
  const what = `the pre-switch check GET ${url} (${headers.join(", ")}) through the Gateway to ${rule.backend}`;
  try {
    const response = await fetch(url, {
      headers: rule.headers,
      signal: AbortSignal.any([signal, AbortSignal.timeout(PROBE_TIMEOUT_MS)]),
    });
    await response.arrayBuffer();
    return response.ok ? { outcome: "passed" } : { outcome: "failed", reason: `${what} answered ${response.status}` };
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    return { outcome: "failed", reason: `${what} failed: ${cause?.message ?? (error as Error).message}` };
  }
}
