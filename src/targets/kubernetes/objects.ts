/**
 * The objects the kubernetes target applies for a service's revisions, built as typed values:
 * one Deployment and one Service per revision (`SERVICE-rN`), and one HTTPRoute (`SERVICE`) whose
 * backend weights split the traffic between the revisions' Services. Pure: no API calls here.
 */
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Environment, Service } from "../../config/types.js";
import type { RevisionRequest } from "../target.js";
import type { GuardState, PreviewRoute } from "../types.js";

export const LABELS = {
  name: "app.kubernetes.io/name",
  managedBy: "app.kubernetes.io/managed-by",
  version: "app.kubernetes.io/version",
  revision: "quikship.io/revision",
} as const;
export const ANNOTATIONS = { preview: "quikship.io/preview", guard: "quikship.io/guard" } as const;
/** The header that sends a request to the preview revision (blue-green). */
export const PREVIEW_HEADER = "x-quikship-preview";

export function revisionName(service: Service, revision: number): string {
  return `${service.name}-r${revision}`;
}

/** The label selector of a service's objects (of one revision when given). */
export function selector(service: Service, revision?: number): string {
  const base = `${LABELS.name}=${service.name},${LABELS.managedBy}=quikship`;
  return revision === undefined ? base : `${base},${LABELS.revision}=${revision}`;
}

function labels(service: Service, revision: number): Record<string, string> {
  return { [LABELS.name]: service.name, [LABELS.managedBy]: "quikship", [LABELS.revision]: String(revision) };
}

export function revisionDeployment(req: RevisionRequest): KubernetesObject & Record<string, unknown> {
  const { environment, service, revision } = req;
  const env = [
    ...Object.keys(req.env)
      .sort()
      .map((name) => ({ name, value: req.env[name] })),
    // Secrets by reference only: the Secret is written in the cluster (an ExternalSecret), never by quikship.
    ...req.secrets.map((s) => ({
      name: s.name,
      valueFrom: { secretKeyRef: { name: `${service.name}-secrets`, key: s.name } },
    })),
  ];
  const podLabels = labels(service, revision);
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: revisionName(service, revision),
      namespace: environment.namespace,
      labels: { ...podLabels, [LABELS.version]: req.tag },
    },
    spec: {
      replicas: req.replicas,
      minReadySeconds: Math.round(environment.minReadyMs / 1000),
      progressDeadlineSeconds: Math.max(1, Math.round(environment.progressDeadlineMs / 1000)),
      selector: { matchLabels: podLabels },
      template: {
        metadata: { labels: { ...podLabels, [LABELS.version]: req.tag } },
        spec: {
          containers: [
            {
              name: service.kubernetes?.container ?? service.name,
              image: `${service.image}:${req.tag}${req.digest ? `@${req.digest}` : ""}`,
              ports: [{ name: "http", containerPort: service.port }],
              env,
              readinessProbe: { httpGet: { path: service.healthPath, port: "http" } },
            },
          ],
        },
      },
    },
  };
}

export function revisionService(
  environment: Environment,
  service: Service,
  revision: number,
): KubernetesObject & Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: revisionName(service, revision),
      namespace: environment.namespace,
      labels: labels(service, revision),
    },
    spec: { selector: labels(service, revision), ports: [{ name: "http", port: 80, targetPort: "http" }] },
  };
}

export interface RouteState {
  weights: Record<string, number>;
  preview: PreviewRoute | null;
  guard: GuardState | null;
}

/**
 * Percents as an HTTPRoute's weights, which are integers: each rounded down, then the remaining
 * points to the largest remainders (ties to the newer revision), so they still add up to 100.
 */
export function wholePercents(weights: Record<string, number>): Record<string, number> {
  const entries = Object.entries(weights);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  if (entries.every(([, w]) => Number.isInteger(w)) || Math.abs(total - 100) > 1e-6) {
    return Object.fromEntries(entries.map(([r, w]) => [r, Math.round(w)]));
  }
  const floors = Object.fromEntries(entries.map(([r, w]) => [r, Math.floor(w)]));
  let left = 100 - Object.values(floors).reduce((sum, w) => sum + w, 0);
  const byRemainder = [...entries].sort(
    ([ra, a], [rb, b]) => b - Math.floor(b) - (a - Math.floor(a)) || Number(rb) - Number(ra),
  );
  for (const [r] of byRemainder) {
    if (left <= 0) break;
    floors[r]! += 1;
    left--;
  }
  return floors;
}

function backend(service: Service, revision: number, weight?: number): Record<string, unknown> {
  const ref: Record<string, unknown> = { name: revisionName(service, revision), port: 80 };
  return weight === undefined ? ref : { ...ref, weight };
}

/** The host of the environment's `url`, which its routes answer for; undefined without one. */
function hostname(environment: Environment): string | undefined {
  if (!environment.url) return undefined;
  try {
    return new URL(environment.url).hostname || undefined;
  } catch {
    return undefined;
  }
}

/** The environment's Gateway as an HTTPRoute's parent. */
function gatewayRef(gateway: { name: string; namespace: string }): Record<string, string> {
  return { group: "gateway.networking.k8s.io", kind: "Gateway", name: gateway.name, namespace: gateway.namespace };
}

/** The path prefix a service is reached by at the environment's Gateway: `/SERVICE`, as on the local target. */
export function routePrefix(service: Service): string {
  return `/${service.name}`;
}

/** Strips the service's prefix before the request reaches it, so it sees the paths it would on the local target. */
const STRIP_PREFIX = {
  type: "URLRewrite",
  urlRewrite: { path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/" } },
};

/**
 * The service's HTTPRoute: the weighted rule, and a preview rule on the header when a preview is set.
 * Every rule matches the path prefix `/SERVICE` (stripped by a URLRewrite filter): the services of an
 * environment share its one hostname, and the prefix keeps their routes apart.
 */
export function route(
  environment: Environment,
  service: Service,
  state: RouteState,
): KubernetesObject & Record<string, unknown> {
  const path = { type: "PathPrefix", value: routePrefix(service) };
  const main: Record<string, unknown> = {
    matches: [{ path }],
    filters: [STRIP_PREFIX],
    backendRefs: Object.entries(wholePercents(state.weights)).map(([revision, weight]) =>
      backend(service, Number(revision), weight),
    ),
  };
  const rules: Record<string, unknown>[] = [];
  if (state.preview) {
    const preview = state.preview;
    rules.push({
      matches: [{ path, headers: [{ name: PREVIEW_HEADER, value: "1" }] }],
      filters: [STRIP_PREFIX],
      backendRefs: [backend(service, preview.revision)],
    });
    if (preview.mirrorPercent > 0) {
      main.filters = [
        STRIP_PREFIX,
        {
          type: "RequestMirror",
          requestMirror: { backendRef: backend(service, preview.revision), percent: preview.mirrorPercent },
        },
      ];
    }
  }
  rules.push(main);
  const annotations: Record<string, string> = {};
  if (state.preview) annotations[ANNOTATIONS.preview] = JSON.stringify(state.preview);
  if (state.guard) annotations[ANNOTATIONS.guard] = JSON.stringify(state.guard);
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: {
      name: service.name,
      namespace: environment.namespace,
      labels: { [LABELS.name]: service.name, [LABELS.managedBy]: "quikship" },
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      ...(environment.gateway ? { parentRefs: [gatewayRef(environment.gateway)] } : {}),
      ...(hostname(environment) ? { hostnames: [hostname(environment)] } : {}),
      rules,
    },
  };
}

interface RouteSpec {
  rules?: { matches?: { headers?: unknown[] }[]; backendRefs?: { name: string; weight?: number }[] }[];
}

/**
 * What a live HTTPRoute that `route` wrote says: the weights of its rule without a header match
 * (the preview rule has one), and the preview and guard kept in its annotations. No route: none.
 */
export function routeState(live: (KubernetesObject & { spec?: RouteSpec }) | null | undefined): RouteState {
  const annotations = live?.metadata?.annotations ?? {};
  const weighted = live?.spec?.rules?.find((r) => !(r.matches ?? []).some((m) => (m.headers ?? []).length > 0)) ?? {
    backendRefs: [],
  };
  const weights: Record<string, number> = {};
  for (const b of weighted.backendRefs ?? []) weights[b.name.slice(b.name.lastIndexOf("-r") + 2)] = b.weight ?? 1;
  const parse = <T>(key: string): T | null => (annotations[key] ? (JSON.parse(annotations[key]) as T) : null);
  return { weights, preview: parse<PreviewRoute>(ANNOTATIONS.preview), guard: parse<GuardState>(ANNOTATIONS.guard) };
}
