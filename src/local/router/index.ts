/**
 * The local target's router: one HTTP listener per environment that sends each request to a
 * revision of a service by weight, through kept-alive connections to its instances, and counts
 * requests, 5xx and latency per revision. A library the agent hosts, not a process.
 */
import http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ConflictError, NotFoundError, UnavailableError } from "../../errors.js";
import type { RevisionTraffic } from "../contract.js";
import { MetricsBook, record } from "./metrics.js";
import { Exchange, hostOf, requestHead, sendJson } from "./proxy.js";
import type { Backend, ServiceRoute, Target } from "./routes.js";
import { compileRoute, pickRevision, pickTarget, resolve } from "./routes.js";
import { Pool } from "./upstream.js";

export type { Backend } from "./routes.js";
export { LATENCY_BUCKETS_MS } from "./metrics.js";

/** Called as each routed request completes (status 499: the client left before the answer). */
export type ResponseHook = (service: string, revision: number, status: number, latencyMs: number) => void;

export interface RouterOptions {
  environment: string;
  /** Port to listen on; 0 or absent picks a free one. */
  port?: number;
  /** Default 127.0.0.1: the router is for this machine only. */
  host?: string;
  /** Live observation of every request (continuous canary judgement); keep it cheap. */
  onResponse?: ResponseHook;
  /** Connections kept per instance; default 128. Requests beyond wait for a free one. */
  maxSocketsPerTarget?: number;
}

/** Idle connections to instances close after this, before a Node instance's default 5 s keep-alive. */
const IDLE_MS = 4000;

export interface Router {
  readonly environment: string;
  readonly port: number;
  readonly url: string;
  /** Replaces the service's routes; applies from the next request. */
  setRoutes(service: string, backends: readonly Backend[]): void;
  removeService(service: string): void;
  traffic(service: string): RevisionTraffic[];
  prometheus(): string;
  close(): Promise<void>;
}

export async function createRouter(options: RouterOptions): Promise<Router> {
  const { environment, onResponse } = options;
  const hostSuffix = `.${environment.toLowerCase()}.localhost`;
  const routes = new Map<string, ServiceRoute>();
  const metrics = new MetricsBook(environment);
  const maxSockets = options.maxSocketsPerTarget ?? 128;
  const pools = new Map<string, Pool>();
  const poolOf = (target: Target): Pool => {
    let pool = pools.get(target.key);
    if (!pool) pools.set(target.key, (pool = new Pool(target.host, target.port, maxSockets)));
    return pool;
  };
  const sweeper = setInterval(() => {
    const before = performance.now() - IDLE_MS;
    for (const [key, pool] of pools) if (pool.sweep(before)) pools.delete(key);
  }, 1000).unref();
  let hookFailed = false;

  function settle(exchange: Exchange, started: number): void {
    const { res, revision } = exchange;
    if (!res.writableFinished) exchange.cancel();
    const status = exchange.broken ? 502 : res.headersSent ? res.statusCode : 499;
    const latencyMs = performance.now() - started;
    record(revision.metrics, status, latencyMs);
    if (!onResponse) return;
    try {
      onResponse(revision.metrics.service, revision.revision, status, latencyMs);
    } catch (error) {
      // A failing observer must not take the router down; say so once.
      if (!hookFailed) process.emitWarning(`router ${environment}: onResponse hook threw: ${String(error)}`);
      hookFailed = true;
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const found = resolve(routes, hostSuffix, hostOf(req.rawHeaders), req.url ?? "/");
    if (!found.found) {
      req.resume();
      const known = [...routes.keys()].sort();
      const message = `no service "${found.service}" in environment ${environment} (known: ${known.join(", ") || "none"}); route by Host SERVICE.${environment}.localhost or by path /SERVICE/`;
      sendJson(res, 404, new NotFoundError(message, { details: { environment, known } }).toJSON());
      return;
    }
    const { route, path } = found;
    const revision = pickRevision(route);
    if (!revision) {
      req.resume();
      sendJson(res, 503, new UnavailableError(`${route.service} has no revision with traffic in ${environment}`).toJSON());
      return;
    }
    const { head, body } = requestHead(req, path);
    const exchange = new Exchange(req, res, revision, head, body, poolOf);
    res.once("close", () => settle(exchange, started));
    const target = pickTarget(revision);
    if (!target) {
      req.resume();
      const message = `${route.service} revision ${revision.revision} has no instance in ${environment}`;
      sendJson(res, 503, new UnavailableError(message, { details: { service: route.service, revision: revision.revision } }).toJSON(), revision.header);
      return;
    }
    exchange.forward(target);
  }

  const server = http.createServer(handle);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolveListen, reject) => {
    const refused = (error: NodeJS.ErrnoException): void =>
      reject(error.code === "EADDRINUSE" ? new ConflictError(`the ${environment} router cannot listen on ${host}:${options.port}: the port is in use`, { cause: error }) : error);
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
    setRoutes(service, backends) {
      routes.set(service, compileRoute(service, backends, (revision) => metrics.of(service, revision)));
    },
    removeService(service) {
      routes.delete(service);
      metrics.forget(service);
    },
    traffic: (service) => metrics.traffic(service),
    prometheus: () => metrics.prometheus(),
    close() {
      return new Promise<void>((resolveClose) => {
        clearInterval(sweeper);
        server.close(() => resolveClose());
        server.closeAllConnections();
        for (const pool of pools.values()) pool.destroy();
      });
    },
  };
}
