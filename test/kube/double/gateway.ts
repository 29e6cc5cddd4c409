/**
 * Test double of the Kubernetes API — a simulated Gateway that answers real HTTP requests, so a
 * client outside the cluster (quikship's check before a blue-green switch) can be tested. Follows
 * the Gateway API's HTTPRoute (gateway.networking.k8s.io/v1):
 * - a route is served when one of its `parentRefs` names this Gateway, for the `hostnames` it
 *   lists (exact or `*.` wildcard; none: every host), matched against the Host header;
 * - `HTTPRouteRule.matches`: path (`PathPrefix`, default `/`, element-wise on `/` with a trailing
 *   `/` ignored, so `/web` matches `/web`, `/web/` and `/web/x` but not `/webx`; `Exact`) and headers
 *   (`Exact`, names case-insensitive), all of a match; a rule without matches matches every request;
 * - precedence as the API reference orders it: the longest matching hostname, then an Exact path,
 *   then the longest path prefix, then the most header matches, then the oldest route, then `namespace/name`, then the
 *   first rule in the list;
 * - `backendRefs.weight` (default 1): requests spread over the backends by weight, in turn;
 * - the rule's `URLRewrite` filter with a `ReplacePrefixMatch` path: the matched prefix of the path
 *   is replaced (`/web/x` by prefix `/web` and replacement `/` becomes `/x`, `/web` becomes `/`);
 *   `ReplaceFullPath` replaces the whole path.
 * A backend is a Service of the route's namespace; its ready pods (by the Service's selector) answer
 * in turn with 200 and the pod's name (header `x-pod`; the path it was sent, after rewrites, in
 * `x-path`, as an echo server would show it); without a ready pod the Gateway answers 503, as Envoy-based
 * gateways do ("no healthy upstream"). A pod whose image tag ends in `-bad` answers the first of
 * every five requests it gets with a 500. Other filters (mirrors, header modifiers) are not simulated.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Cluster, Obj } from "./cluster.js";
import { R, labels, spec } from "./cluster.js";
import { isObject } from "./fieldset.js";
import { meta } from "./store.js";
import { bad, ready } from "./traffic.js";

interface Match {
  path: { type: string; value: string };
  headers: { name: string; value: string }[];
}

interface Candidate {
  route: Obj;
  rule: number;
  filters: Obj[];
  match: Match["path"];
  backends: { name: string; weight: number }[];
  host: number;
  path: number;
  headers: number;
}

/** An Exact path match outranks every PathPrefix match. */
const EXACT = 1_000_000;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObject) : []);
const text = (v: unknown, otherwise: string): string => (typeof v === "string" ? v : otherwise);

function hostLength(hostnames: string[], host: string): number | undefined {
  if (hostnames.length === 0) return 0;
  const hits = hostnames.filter((h) => h === host || (h.startsWith("*.") && host.endsWith(h.slice(1))));
  return hits.length === 0 ? undefined : Math.max(...hits.map((h) => h.length));
}

function matches(rule: Obj): Match[] {
  const written = list(rule.matches);
  const all = written.length === 0 ? [{}] : written;
  return all.map((m) => {
    const path = isObject(m.path) ? m.path : {};
    return {
      path: { type: text(path.type, "PathPrefix"), value: text(path.value, "/") },
      headers: list(m.headers).map((h) => ({ name: String(h.name).toLowerCase(), value: String(h.value) })),
    };
  });
}

/** A PathPrefix's value without its trailing `/` ("" for `/`): the Gateway API ignores that slash. */
const trimmed = (prefix: string): string => prefix.replace(/\/+$/, "");

function pathMatches(match: Match["path"], path: string): boolean {
  if (match.type === "Exact") return path === match.value;
  const prefix = trimmed(match.value);
  return prefix === "" || path === prefix || path.startsWith(`${prefix}/`);
}

/** The path the backend is sent: the request's, after the rule's URLRewrite filter if it has one. */
export function rewrite(filters: Obj[], match: Match["path"], path: string): string {
  const filter = filters.find((f) => f.type === "URLRewrite" && isObject(f.urlRewrite));
  const to = filter && isObject((filter.urlRewrite as Obj).path) ? ((filter.urlRewrite as Obj).path as Obj) : undefined;
  if (to?.type === "ReplaceFullPath") return text(to.replaceFullPath, path);
  if (to?.type !== "ReplacePrefixMatch" || match.type !== "PathPrefix") return path;
  const rest = path.slice(trimmed(match.value).length);
  return `${trimmed(text(to.replacePrefixMatch, "/"))}${rest}` || "/";
}

export class GatewayListener {
  readonly #server = http.createServer((req, res) => this.#answer(req, res));
  readonly #turns = new Map<string, number>();
  url = "";

  /** Serves the routes attached to the Gateway `name` in `namespace`. */
  constructor(
    readonly cluster: Cluster,
    readonly gateway: { name: string; namespace: string },
  ) {}

  /** Listens on an ephemeral loopback port; `url` is then `http://localhost:PORT`. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.url = `http://localhost:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #attached(route: Obj): boolean {
    const routeNs = String(meta(route).namespace);
    return list(spec(route).parentRefs).some(
      (p) =>
        (p.kind ?? "Gateway") === "Gateway" &&
        p.name === this.gateway.name &&
        (p.namespace ?? routeNs) === this.gateway.namespace,
    );
  }

  #candidates(host: string, path: string, headers: http.IncomingHttpHeaders): Candidate[] {
    const out: Candidate[] = [];
    for (const route of this.cluster.list(R.httproutes).filter((r) => this.#attached(r))) {
      const hostnames = Array.isArray(spec(route).hostnames) ? (spec(route).hostnames as string[]) : [];
      const hostHit = hostLength(hostnames, host);
      if (hostHit === undefined) continue;
      list(spec(route).rules).forEach((rule, index) => {
        for (const m of matches(rule)) {
          if (!pathMatches(m.path, path) || !m.headers.every((h) => headers[h.name] === h.value)) continue;
          const backends = list(rule.backendRefs).map((b) => ({ name: String(b.name), weight: Number(b.weight ?? 1) }));
          out.push({
            route,
            rule: index,
            filters: list(rule.filters),
            match: m.path,
            backends,
            host: hostHit,
            path: m.path.type === "Exact" ? EXACT + m.path.value.length : trimmed(m.path.value).length,
            headers: m.headers.length,
          });
        }
      });
    }
    const age = (r: Obj): string => text(meta(r).creationTimestamp, "");
    return out.sort(
      (a, b) =>
        b.host - a.host ||
        b.path - a.path ||
        b.headers - a.headers ||
        age(a.route).localeCompare(age(b.route)) ||
        key(a.route).localeCompare(key(b.route)) ||
        a.rule - b.rule,
    );
  }

  /** The next backend of a rule by weight, in turn. */
  #backend(c: Candidate): string | undefined {
    const live = c.backends.filter((b) => b.weight > 0);
    const total = live.reduce((n, b) => n + b.weight, 0);
    if (total === 0) return undefined;
    const turnKey = `${key(c.route)}#${c.rule}`;
    const turn = this.#turns.get(turnKey) ?? 0;
    this.#turns.set(turnKey, turn + 1);
    let at = turn % total;
    for (const b of live) {
      if (at < b.weight) return b.name;
      at -= b.weight;
    }
    return undefined;
  }

  #answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "");
    const path = (req.url ?? "/").split("?")[0]!;
    const best = this.#candidates(host, path, req.headers)[0];
    if (!best) return end(res, 404, "no route\n");
    const backend = this.#backend(best);
    const ns = String(meta(best.route).namespace);
    const service = backend ? this.cluster.list(R.services, ns).find((s) => meta(s).name === backend) : undefined;
    const selector = service && isObject(spec(service).selector) ? (spec(service).selector as Obj) : undefined;
    const pods = selector
      ? this.cluster
          .list(R.pods, ns)
          .filter((p) => ready(p) && Object.entries(selector).every(([k, v]) => labels(p)[k] === v))
      : [];
    if (pods.length === 0) return end(res, 503, "no healthy upstream\n");
    const turnKey = `${ns}/${String(backend)}`;
    const turn = this.#turns.get(turnKey) ?? 0;
    this.#turns.set(turnKey, turn + 1);
    const pod = pods[turn % pods.length]!;
    const name = String(meta(pod).name);
    const sent = rewrite(best.filters, best.match, path);
    if (bad(pod) && Math.floor(turn / pods.length) % 5 === 0) return end(res, 500, `${name}: error\n`, name, sent);
    end(res, 200, `${name}\n`, name, sent);
  }
}

function key(r: Obj): string {
  return `${String(meta(r).namespace)}/${String(meta(r).name)}`;
}

function end(res: http.ServerResponse, code: number, body: string, pod?: string, path?: string): void {
  res.writeHead(code, {
    "content-type": "text/plain",
    ...(pod ? { "x-pod": pod } : {}),
    ...(path ? { "x-path": path } : {}),
  });
  res.end(body);
}
