/**
 * Test double of the Kubernetes API — a simulated Gateway data plane, so that analysis sees
 * traffic. Follows the Gateway API's HTTPRoute (gateway.networking.k8s.io/v1) "backendRefs.weight":
 * each route attached to a Gateway (with `parentRefs`) receives `requestsPerSecond` on the
 * cluster's clock, split over its first rule without header `matches` (the weighted rule; its path
 * match is not looked at) by the backends' weights. A
 * backend is a Service; its requests are answered by the Service's ready pods: an image whose tag
 * ends in `-bad` answers a fifth of them with a 5xx, and a backend without a ready pod answers
 * every request with a 503, as a gateway does. Every answer takes 20 ms.
 *
 * The counters are exposed as a gateway controller's metrics (Prometheus text format) on a port
 * of their own, for a real Prometheus to scrape:
 * `gateway_backend_requests_total`, `gateway_backend_errors_total` and
 * `gateway_backend_request_duration_seconds` (a histogram), labelled namespace, route, backend.
 * Not a real data plane: no request is sent anywhere, no header match or mirror is simulated.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Cluster, Controller, Obj } from "./cluster.js";
import { R, labels, spec, status } from "./cluster.js";
import { isObject } from "./fieldset.js";
import { meta } from "./store.js";

const LATENCY_S = 0.02;
const BUCKETS = [0.01, 0.05, 0.1, 0.5, 1];
const BAD_ERROR_SHARE = 0.2;

interface Counter {
  namespace: string;
  route: string;
  backend: string;
  requests: number;
  errors: number;
}

/** Whether the pod's Ready condition is True. */
export function ready(pod: Obj): boolean {
  return ((status(pod).conditions ?? []) as Obj[]).some((c) => c.type === "Ready" && c.status === "True");
}

/** Whether a container's image tag ends in `-bad`: it answers some requests with a 5xx. */
export function bad(pod: Obj): boolean {
  const containers = (spec(pod).containers ?? []) as Obj[];
  return containers.some((c) => typeof c.image === "string" && /:[^/:]*-bad$/.test(c.image));
}

export class GatewayTraffic implements Controller {
  readonly name = "gateway-traffic";
  readonly #counters = new Map<string, Counter>();
  #last: number | undefined;
  #server = http.createServer((req, res) => {
    res.writeHead(req.url === "/metrics" ? 200 : 404, { "content-type": "text/plain; version=0.0.4" });
    res.end(req.url === "/metrics" ? this.metrics() : "not found\n");
  });
  url = "";

  constructor(readonly requestsPerSecond = 100) {}

  /** Serves `/metrics` on an ephemeral loopback port; `url` is then its address. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/metrics`;
    return this.url;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  reconcile(cluster: Cluster): void {
    const now = cluster.nowMs();
    const elapsedS = this.#last === undefined ? 0 : Math.max(0, now - this.#last) / 1000;
    this.#last = now;
    if (elapsedS === 0) return;
    for (const route of cluster.list(R.httproutes)) {
      if (!Array.isArray(spec(route).parentRefs) || (spec(route).parentRefs as unknown[]).length === 0) continue;
      const rules = (spec(route).rules ?? []) as Obj[];
      const main = rules.find(
        (r) =>
          !Array.isArray(r.matches) ||
          !(r.matches as Obj[]).some((m) => Array.isArray(m.headers) && m.headers.length > 0),
      );
      const backends = ((main?.backendRefs ?? []) as Obj[]).filter((b) => Number(b.weight ?? 1) > 0);
      const total = backends.reduce((n, b) => n + Number(b.weight ?? 1), 0);
      for (const b of backends) {
        const share = (this.requestsPerSecond * elapsedS * Number(b.weight ?? 1)) / total;
        this.#serve(cluster, route, String(b.name), share);
      }
    }
  }

  #serve(cluster: Cluster, route: Obj, backend: string, requests: number): void {
    const ns = String(meta(route).namespace);
    const service = cluster.list(R.services, ns).find((s) => meta(s).name === backend);
    const selector = service && isObject(spec(service).selector) ? (spec(service).selector as Obj) : undefined;
    const pods = selector
      ? cluster
          .list(R.pods, ns)
          .filter((p) => ready(p) && Object.entries(selector).every(([k, v]) => labels(p)[k] === v))
      : [];
    const badShare = pods.length === 0 ? 1 : (pods.filter(bad).length / pods.length) * BAD_ERROR_SHARE;
    const key = `${ns}/${String(meta(route).name)}/${backend}`;
    const counter = this.#counters.get(key) ?? {
      namespace: ns,
      route: String(meta(route).name),
      backend,
      requests: 0,
      errors: 0,
    };
    counter.requests += requests;
    counter.errors += requests * badShare;
    this.#counters.set(key, counter);
  }

  /** What the gateway counted for a backend Service so far, over every route, in whole requests as `metrics` shows them. */
  counted(namespace: string, backend: string): { requests: number; errors: number } {
    const counters = [...this.#counters.values()].filter((c) => c.namespace === namespace && c.backend === backend);
    return {
      requests: counters.reduce((n, c) => n + Math.floor(c.requests), 0),
      errors: counters.reduce((n, c) => n + Math.floor(c.errors), 0),
    };
  }

  /** The counters in the Prometheus text exposition format (whole requests only). */
  metrics(): string {
    const lines = [
      "# TYPE gateway_backend_requests_total counter",
      "# TYPE gateway_backend_errors_total counter",
      "# TYPE gateway_backend_request_duration_seconds histogram",
    ];
    for (const c of this.#counters.values()) {
      const l = `namespace="${c.namespace}",route="${c.route}",backend="${c.backend}"`;
      const requests = Math.floor(c.requests);
      lines.push(`gateway_backend_requests_total{${l}} ${requests}`);
      lines.push(`gateway_backend_errors_total{${l}} ${Math.floor(c.errors)}`);
      for (const le of BUCKETS) {
        lines.push(
          `gateway_backend_request_duration_seconds_bucket{${l},le="${le}"} ${le >= LATENCY_S ? requests : 0}`,
        );
      }
      lines.push(`gateway_backend_request_duration_seconds_bucket{${l},le="+Inf"} ${requests}`);
      lines.push(`gateway_backend_request_duration_seconds_sum{${l}} ${(requests * LATENCY_S).toFixed(3)}`);
      lines.push(`gateway_backend_request_duration_seconds_count{${l}} ${requests}`);
    }
    return `${lines.join("\n")}\n`;
  }
}
