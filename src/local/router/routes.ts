import { InputError } from "../../errors.js";
import type { RevisionMetrics } from "./metrics.js";

/** What the agent routes to one revision: its share of traffic in percent and its instances. */
export interface Backend {
  revision: number;
  /** Percent of the service's traffic, 0–100; decimals allowed (0.5 = one request in 200). */
  weight: number;
  targets: { id: string; url: string }[];
}

export interface Target {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  /** `host:port`: the connection pool it shares with any other target at that address. */
  readonly key: string;
}

export interface RevisionRoute {
  readonly revision: number;
  /** `revision` as text, for the `x-quikship-revision` response header. */
  readonly header: string;
  readonly targets: readonly Target[];
  /** Round-robin cursor over `targets`. */
  next: number;
  readonly metrics: RevisionMetrics;
}

/** A service's compiled routes: revisions with a weight above 0 and their cumulative weights. */
export interface ServiceRoute {
  readonly service: string;
  readonly revisions: readonly RevisionRoute[];
  readonly cumulative: Float64Array;
  readonly total: number;
  /** The backends as given, weight 0 included: the guard's abort keeps them and moves the weights. */
  readonly backends: readonly Backend[];
  /** Routes of revisions without weight (a preview's), made when first asked for. */
  readonly unweighted: Map<number, RevisionRoute>;
  readonly targetsOf: ReadonlyMap<number, readonly Target[]>;
  readonly metricsOf: (revision: number) => RevisionMetrics;
}

function parseTarget(service: string, revision: number, target: { id: string; url: string }): Target {
  let url: URL;
  try {
    url = new URL(target.url);
  } catch (cause) {
    throw new InputError(`${service} revision ${revision}: instance ${target.id} has an invalid url "${target.url}"`, {
      cause,
    });
  }
  if (url.protocol !== "http:")
    throw new InputError(
      `${service} revision ${revision}: instance ${target.id} url must be http://, got "${target.url}"`,
    );
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = Number(url.port || 80);
  return { id: target.id, host, port, key: `${host}:${port}` };
}

/** Validates and precompiles a service's backends so each request costs a random draw and a short scan. */
export function compileRoute(
  service: string,
  backends: readonly Backend[],
  metricsOf: (revision: number) => RevisionMetrics,
): ServiceRoute {
  const targetsOf = new Map<number, readonly Target[]>();
  const revisions: RevisionRoute[] = [];
  const weights: number[] = [];
  for (const backend of backends) {
    const { revision, weight } = backend;
    if (!Number.isInteger(revision) || revision < 0)
      throw new InputError(`${service}: revision must be a non-negative integer, got ${revision}`);
    if (targetsOf.has(revision)) throw new InputError(`${service}: revision ${revision} is listed twice`);
    if (!Number.isFinite(weight) || weight < 0 || weight > 100)
      throw new InputError(`${service} revision ${revision}: weight must be 0–100, got ${weight}`);
    const targets = backend.targets.map((t) => parseTarget(service, revision, t));
    targetsOf.set(revision, targets);
    if (weight === 0) continue;
    revisions.push({ revision, header: String(revision), targets, next: 0, metrics: metricsOf(revision) });
    weights.push(weight);
  }
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => (cumulative[i] = total += w));
  return {
    service,
    revisions,
    cumulative,
    total,
    backends: [...backends],
    unweighted: new Map(),
    targetsOf,
    metricsOf,
  };
}

/** The route of one revision of the service, weighted or not; undefined when the service does not list it. */
export function revisionRoute(route: ServiceRoute, revision: number): RevisionRoute | undefined {
  const weighted = route.revisions.find((r) => r.revision === revision);
  if (weighted) return weighted;
  let unweighted = route.unweighted.get(revision);
  const targets = route.targetsOf.get(revision);
  if (!unweighted && targets) {
    unweighted = { revision, header: String(revision), targets, next: 0, metrics: route.metricsOf(revision) };
    route.unweighted.set(revision, unweighted);
  }
  return unweighted;
}

/** The revision a request goes to, drawn by weight; undefined when no revision has a weight. */
export function pickRevision(route: ServiceRoute): RevisionRoute | undefined {
  const { revisions, cumulative } = route;
  if (revisions.length <= 1) return revisions[0];
  const draw = Math.random() * route.total;
  for (let i = 0; i < cumulative.length - 1; i++) if (draw < cumulative[i]!) return revisions[i];
  return revisions[revisions.length - 1];
}

/** Next target by round robin, or the one after `skip` (for a retry); undefined when none other. */
export function pickTarget(revision: RevisionRoute, skip?: Target): Target | undefined {
  const { targets } = revision;
  if (targets.length === 0) return undefined;
  if (skip) {
    if (targets.length === 1) return undefined;
    const at = targets.indexOf(skip);
    return targets[(at + 1) % targets.length];
  }
  const target = targets[revision.next % targets.length];
  revision.next = (revision.next + 1) % targets.length;
  return target;
}

export type Resolution =
  | { found: true; route: ServiceRoute; path: string; preview: boolean }
  | { found: false; service: string; preview: boolean };

const PREVIEW_SUFFIX = ".preview";

/**
 * The service a request names: by Host `SERVICE.ENV.localhost[:port]` (path untouched), or
 * `SERVICE.preview.ENV.localhost` for its preview route, else by the first path segment
 * `/SERVICE/...` (stripped: `/auth-service/health?x` → `/health?x`).
 */
export function resolve(
  routes: ReadonlyMap<string, ServiceRoute>,
  hostSuffix: string,
  host: string | undefined,
  url: string,
): Resolution {
  if (host) {
    const colon = host.lastIndexOf(":");
    const name = (colon > host.lastIndexOf("]") && colon !== -1 ? host.slice(0, colon) : host).toLowerCase();
    if (name.endsWith(hostSuffix) && name.length > hostSuffix.length) {
      let service = name.slice(0, -hostSuffix.length);
      // A service whose own name ends in .preview keeps it.
      const preview =
        service.endsWith(PREVIEW_SUFFIX) && service.length > PREVIEW_SUFFIX.length && !routes.has(service);
      if (preview) service = service.slice(0, -PREVIEW_SUFFIX.length);
      const route = routes.get(service);
      return route ? { found: true, route, path: url, preview } : { found: false, service, preview };
    }
  }
  let end = 1;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 47 /* / */ || c === 63 /* ? */) break;
    end++;
  }
  const service = url.slice(1, end);
  const route = routes.get(service);
  if (!route) return { found: false, service, preview: false };
  const path = end === url.length ? "/" : url.charCodeAt(end) === 63 ? "/" + url.slice(end) : url.slice(end);
  return { found: true, route, path, preview: false };
}
