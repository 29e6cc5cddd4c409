/**
 * The local target's router: one HTTP listener per environment that sends each request to a
 * revision of a service by weight, through kept-alive connections to its instances, and counts
 * requests, 5xx and latency per revision. Per service it may also hold a preview route (requests
 * that ask for it, and a mirrored share of live reads, go to one revision) and a canary guard
 * (judges the canary as responses complete and moves all traffic to the stable revision on an
 * abort). `GET /-/metrics` answers its Prometheus text. A library the agent hosts, not a process.
 */
import http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ConflictError, NotFoundError, UnavailableError } from "../../errors.js";
import type { CanaryGuard, GuardState, PreviewRoute, RevisionTraffic } from "../contract.js";
import type { RevisionMetrics } from "./metrics.js";
import { MIRROR_TIMEOUT_MS, MirrorCall } from "./mirror.js";
import { Exchange, hostOf, previewRequested, requestHead, sendJson } from "./proxy.js";
import type { Shield } from "./proxy.js";
import type { Backend, RevisionRoute, ServiceRoute, Target } from "./routes.js";
import { pickRevision, pickTarget, resolve, revisionRoute } from "./routes.js";
import { RouteTable } from "./table.js";
import { Pool } from "./upstream.js";

export type { Backend } from "./routes.js";
export { LATENCY_BUCKETS_MS } from "./metrics.js";

/** Called as each counted response completes, mirrored ones included (status 499: the client left before the answer). */
export type ResponseHook = (service: string, revision: number, status: number, latencyMs: number) => void;

export interface RouterOptions {
  environment: string;
  /** Port to listen on; 0 or absent picks a free one. */
  port?: number;
  /** Default 127.0.0.1: the router is for this machine only. */
  host?: string;
  /** Live observation of every request (continuous canary judgement); keep it cheap. */
  onResponse?: ResponseHook;
  /** A canary guard aborted: the router sends all of the service's traffic to the stable revision already. */
  onGuardAbort?: (service: string, state: GuardState) => void;
  /** Connections kept per instance; default 128. Requests beyond wait for a free one. */
  maxSocketsPerTarget?: number;
  /** A mirrored request unanswered after this is cut off and counted as the preview's error (504); default 10 s. */
  mirrorTimeoutMs?: number;
}

/** Idle connections to instances close after this, before a Node instance's default 5 s keep-alive. */
const IDLE_MS = 4000;
/** Mirrored requests in flight at once, per router; a read arriving beyond it is not mirrored. */
export const MAX_MIRRORS_IN_FLIGHT = 64;

export interface Router {
  readonly environment: string;
  readonly port: number;
  readonly url: string;
  /** Replaces the service's routes; applies from the next request. */
  setRoutes(service: string, backends: readonly Backend[]): void;
  removeService(service: string): void;
  /** Puts a revision (one of the service's backends, weighted or not) on the preview route; null removes it. */
  setPreview(service: string, preview: PreviewRoute | null): void;
  /** Installs a canary guard counting from now, replacing any other and its verdict; null removes it. */
  setGuard(service: string, guard: CanaryGuard | null): void;
  guardState(service: string): GuardState | null;
  traffic(service: string): RevisionTraffic[];
  prometheus(): string;
  close(): Promise<void>;
}

export async function createRouter(options: RouterOptions): Promise<Router> {
  const { environment, onResponse, onGuardAbort } = options;
  const hostSuffix = `.${environment.toLowerCase()}.localhost`;
  let hookFailed = false;
  /** Observers must not take the router down; say so once. */
  const safely = (what: string, call: () => void): void => {
    try {
      call();
    } catch (error) {
      if (!hookFailed) process.emitWarning(`router ${environment}: ${what} threw: ${String(error)}`);
      hookFailed = true;
    }
  };
  const table = new RouteTable(
    environment,
    (service, state) => onGuardAbort && safely("onGuardAbort", () => onGuardAbort(service, state)),
  );
  const { routes } = table;
  const pools = new Map<string, Pool>();
  // Mirrors have pools of their own, never fuller than MAX_MIRRORS_IN_FLIGHT: they never queue, nor hold up a preview request.
  const mirrorPools = new Map<string, Pool>();
  const poolIn =
    (map: Map<string, Pool>, maxSockets: number) =>
    (target: Target): Pool => {
      let pool = map.get(target.key);
      if (!pool) map.set(target.key, (pool = new Pool(target.host, target.port, maxSockets)));
      return pool;
    };
  const poolOf = poolIn(pools, options.maxSocketsPerTarget ?? 128);
  const mirrorPoolOf = poolIn(mirrorPools, MAX_MIRRORS_IN_FLIGHT);
  const sweeper = setInterval(() => {
    const before = performance.now() - IDLE_MS;
    for (const map of [pools, mirrorPools]) for (const [key, pool] of map) if (pool.sweep(before)) map.delete(key);
  }, 1000).unref();
  let mirrorsInFlight = 0;

  function count(metrics: RevisionMetrics, status: number, latencyMs: number): void {
    table.count(metrics, status, latencyMs);
    if (onResponse) safely("onResponse hook", () => onResponse(metrics.service, metrics.revision, status, latencyMs));
  }

  function settle(exchange: Exchange, started: number): void {
    const { res, revision } = exchange;
    if (!res.writableFinished) exchange.cancel();
    const status = exchange.broken ? 502 : res.headersSent ? res.statusCode : 499;
    count(revision.metrics, status, performance.now() - started);
  }

  /**
   * While a guard watches a canary, a bodiless read the canary fails, or has not answered within
   * the latency warning threshold, is answered by the stable revision: users do not see the
   * canary's errors or its slowness, and the guard still counts every one of its answers.
   */
  function shieldOf(
    route: ServiceRoute,
    revision: RevisionRoute,
    req: IncomingMessage,
    body: string,
    started: number,
  ): Shield | undefined {
    if (body !== "none" || (req.method !== "GET" && req.method !== "HEAD")) return undefined;
    const shield = table.shieldFor(route.service, revision.revision);
    const stable = shield && revisionRoute(route, shield.stable);
    if (!stable) return undefined;
    return {
      stable,
      hedgeMs: shield.hedgeMs,
      count: (status) => count(revision.metrics, status, performance.now() - started),
    };
  }

  /** Copies a live read to the service's preview revision, by its mirrorPercent; nothing waits for it. */
  function mirror(route: ServiceRoute, live: RevisionRoute, req: IncomingMessage, path: string): void {
    const preview = table.preview(route.service);
    if (
      !preview ||
      preview.mirrorPercent <= 0 ||
      preview.revision === live.revision ||
      mirrorsInFlight >= MAX_MIRRORS_IN_FLIGHT
    )
      return;
    if (Math.random() * 100 >= preview.mirrorPercent) return;
    const revision = revisionRoute(route, preview.revision);
    const target = revision && pickTarget(revision);
    if (!revision || !target) return;
    mirrorsInFlight++;
    const call = new MirrorCall(
      requestHead(req, path, true).head,
      (status, latencyMs) => {
        mirrorsInFlight--;
        count(revision.metrics, status, latencyMs);
      },
      options.mirrorTimeoutMs ?? MIRROR_TIMEOUT_MS,
    );
    mirrorPoolOf(target).send(call, req.method ?? "GET");
  }

  /** The preview revision's route, or undefined once a 404 or 503 says why there is none. */
  function previewRoute(route: ServiceRoute, req: IncomingMessage, res: ServerResponse): RevisionRoute | undefined {
    const preview = table.preview(route.service);
    const revision = preview && revisionRoute(route, preview.revision);
    if (revision) return revision;
    req.resume();
    if (!preview) {
      const message = `${route.service} has no preview route in ${environment}: no revision is being previewed`;
      sendJson(res, 404, new NotFoundError(message, { details: { environment, service: route.service } }).toJSON());
    } else {
      const message = `${route.service}'s preview revision ${preview.revision} does not run in ${environment}`;
      sendJson(
        res,
        503,
        new UnavailableError(message, {
          details: { environment, service: route.service, revision: preview.revision },
        }).toJSON(),
      );
    }
    return undefined;
  }

  /** The router's own paths, under /-/ (no service name starts with "-"). */
  function own(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/-/metrics" && (req.method === "GET" || req.method === "HEAD")) {
      const text = table.metrics.prometheus();
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4", "content-length": Buffer.byteLength(text) });
      res.end(req.method === "HEAD" ? undefined : text);
      return;
    }
    sendJson(
      res,
      404,
      new NotFoundError(`the ${environment} router has no ${req.method} ${path} (it has GET /-/metrics)`).toJSON(),
    );
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const found = resolve(routes, hostSuffix, hostOf(req.rawHeaders), req.url ?? "/");
    if (!found.found) {
      req.resume();
      if (found.service === "-") return own(req, res);
      const known = [...routes.keys()].sort();
      const message = `no service "${found.service}" in environment ${environment} (known: ${known.join(", ") || "none"}); route by Host SERVICE.${environment}.localhost or by path /SERVICE/`;
      sendJson(res, 404, new NotFoundError(message, { details: { environment, known } }).toJSON());
      return;
    }
    const { route, path } = found;
    const preview = found.preview || previewRequested(req.rawHeaders);
    const revision = preview ? previewRoute(route, req, res) : pickRevision(route);
    if (!revision) {
      if (preview) return;
      req.resume();
      sendJson(
        res,
        503,
        new UnavailableError(`${route.service} has no revision with traffic in ${environment}`).toJSON(),
      );
      return;
    }
    const { head, body } = requestHead(req, path);
    const exchange = new Exchange(
      req,
      res,
      revision,
      head,
      body,
      poolOf,
      preview ? undefined : shieldOf(route, revision, req, body, started),
    );
    res.once("close", () => settle(exchange, started));
    const target = pickTarget(revision);
    if (!target) {
      req.resume();
      const message = `${route.service} revision ${revision.revision} has no instance in ${environment}`;
      sendJson(
        res,
        503,
        new UnavailableError(message, { details: { service: route.service, revision: revision.revision } }).toJSON(),
        revision.header,
      );
      return;
    }
    exchange.forward(target);
    if (!preview && (req.method === "GET" || req.method === "HEAD")) mirror(route, revision, req, path);
  }

  const server = http.createServer(handle);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolveListen, reject) => {
    const refused = (error: NodeJS.ErrnoException): void =>
      reject(
        error.code === "EADDRINUSE"
          ? new ConflictError(
              `the ${environment} router cannot listen on ${host}:${options.port}: the port is in use`,
              { cause: error },
            )
          : error,
      );
    server.once("error", refused);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", refused);
      resolveListen();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const url = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;

  return {
    environment,
    port,
    url,
    setRoutes: (service, backends) => table.setRoutes(service, backends),
    removeService: (service) => table.removeService(service),
    setPreview: (service, preview) => table.setPreview(service, preview),
    setGuard: (service, guard) => table.setGuard(service, guard),
    guardState: (service) => table.guardState(service),
    traffic: (service) => table.metrics.traffic(service),
    prometheus: () => table.metrics.prometheus(),
    close() {
      return new Promise<void>((resolveClose) => {
        clearInterval(sweeper);
        server.close(() => resolveClose());
        server.closeAllConnections();
        for (const pool of [...pools.values(), ...mirrorPools.values()]) pool.destroy();
      });
    },
  };
}
