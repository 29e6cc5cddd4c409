import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { prometheusProvider } from "../../src/analysis/providers/index.js";
import type { MetricsQuery } from "../../src/analysis/providers/index.js";
import type { Environment, Service } from "../../src/config/types.js";
import { InputError, UnavailableError } from "../../src/errors.js";
import { freePort } from "../../src/local/agent/health.js";
import type { Router } from "../../src/local/router/index.js";
import { createRouter, LATENCY_BUCKETS_MS } from "../../src/local/router/index.js";
import type { RevisionTraffic } from "../../src/targets/target.js";
import type { PrometheusServer } from "./prometheus-server.js";
import { SCRAPE_INTERVAL_MS, startPrometheus } from "./prometheus-server.js";

const WEIRD = 'we"ird\\env';
const api = { name: "api" } as Service;
const cleanups: (() => Promise<unknown>)[] = [];
let upstream: string;
let dev: Router;
let weird: Router;
let prometheus: PrometheusServer;

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Answers 500 for paths with "fail" in them, and takes 150 ms for those with "slow". */
async function startUpstream(): Promise<string> {
  const server = http.createServer((req, res) => {
    const status = req.url?.includes("fail") ? 500 : 200;
    setTimeout(
      () => res.writeHead(status, { "content-type": "text/plain" }).end("ok\n"),
      req.url?.includes("slow") ? 150 : 0,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startRouter(environment: string): Promise<Router> {
  const router = await createRouter({ environment });
  cleanups.push(() => router.close());
  return router;
}

/** Sends `total` requests to one revision: the first `failing` answered 500, the next `slow` in 150 ms. */
async function send(
  router: Router,
  revision: number,
  counts: { total: number; failing: number; slow: number },
): Promise<void> {
  router.setRoutes("api", [{ revision, weight: 100, targets: [{ id: `r${revision}`, url: upstream }] }]);
  for (let i = 0; i < counts.total; i++) {
    const path = i < counts.failing ? "fail" : i < counts.failing + counts.slow ? "slow" : "fast";
    const response = await fetch(`${router.url}/api/${path}`);
    await response.text();
    assert.equal(response.status, i < counts.failing ? 500 : 200);
  }
}

async function until<T>(
  what: string,
  get: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what} within ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, SCRAPE_INTERVAL_MS / 2));
  }
}

function query(environment: string, revisions: number[]): MetricsQuery {
  return { environment: { name: environment } as Environment, service: api, revisions };
}

/** Everything but the latency sum, which Prometheus reads back as a float in seconds. */
function withoutSums(traffic: RevisionTraffic[]): unknown[] {
  return traffic.map((t) => ({ ...t, latency: { le: t.latency.le, counts: t.latency.counts } }));
}

describe("the Prometheus provider against a real Prometheus scraping a router", () => {
  before(async () => {
    upstream = await startUpstream();
    [dev, weird] = [await startRouter("dev"), await startRouter(WEIRD)];
    prometheus = await startPrometheus([`${dev.url}/-/metrics`, `${weird.url}/-/metrics`]);
    cleanups.push(() => prometheus.stop());
    await send(dev, 1, { total: 30, failing: 3, slow: 2 });
    await send(dev, 2, { total: 20, failing: 5, slow: 4 });
    await send(weird, 7, { total: 4, failing: 1, slow: 0 });
    await until(
      "the router counted every request",
      () => dev.traffic("api").map((t) => t.requests),
      (n) => n.join() === "30,20",
    );
  });

  it("returns exactly the router's requests, errors and latency buckets per revision", async () => {
    const provider = prometheusProvider({ url: prometheus.url });
    const sample = await until(
      "Prometheus scraped every request",
      () => provider.sample(query("dev", [2, 1])),
      (s) => s.map((t) => t.requests).join() === "20,30",
    );
    const [two, one] = sample;
    assert.deepEqual([one?.requests, one?.errors, two?.requests, two?.errors], [30, 3, 20, 5]);
    assert.deepEqual(one?.latency.le, [...LATENCY_BUCKETS_MS], "bounds in ms, the +Inf bucket left out");
    assert.equal(one?.latency.counts.at(-1), 30);
    assert.ok(two!.latency.counts[LATENCY_BUCKETS_MS.indexOf(100)]! <= 16, "the 4 slow requests are over 100 ms");
    assert.ok(two!.latency.sumMs >= 4 * 150);
    const counted = [...dev.traffic("api")].reverse();
    assert.deepEqual(withoutSums(sample), withoutSums(counted));
    sample.forEach((t, i) =>
      assert.ok(
        Math.abs(t.latency.sumMs - counted[i]!.latency.sumMs) < 1e-6,
        `${t.latency.sumMs} ms ≈ ${counted[i]!.latency.sumMs} ms`,
      ),
    );
  });

  it("reads a revision without series as zeros", async () => {
    const provider = prometheusProvider({ url: prometheus.url });
    const [none] = await provider.sample(query("dev", [3]));
    assert.deepEqual(none, { revision: 3, requests: 0, errors: 0, latency: { le: [], counts: [], sumMs: 0 } });
  });

  it("escapes label values, so an environment named with quotes and backslashes matches", async () => {
    const provider = prometheusProvider({ url: prometheus.url });
    const [seven] = await until(
      "Prometheus scraped the second router",
      () => provider.sample(query(WEIRD, [7])),
      (s) => s[0]?.requests === 4,
    );
    assert.deepEqual([seven?.requests, seven?.errors], [4, 1]);
  });

  it("runs a template the user overrides", async () => {
    const labels = 'environment="{environment}",service="{service}",revision="{revision}"';
    const provider = prometheusProvider({
      url: prometheus.url,
      queries: {
        requests: `sum(quikship_router_request_duration_seconds_count{${labels}})`,
        errors: `count(quikship_router_errors_total{${labels}} > 0)`,
      },
    });
    const [one] = await provider.sample(query("dev", [1]));
    assert.deepEqual([one?.requests, one?.errors], [30, 1]);
  });

  it("says that Prometheus refused a bad query, with the query and the setting to fix", async () => {
    const provider = prometheusProvider({
      url: prometheus.url,
      queries: { errors: "sum(quikship_router_errors_total{service=" },
    });
    const error = await provider.sample(query("dev", [1])).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof InputError, String(error));
    assert.match(
      error.message,
      new RegExp(`^Prometheus at ${prometheus.url} refused the query \\(bad_data: .*parse error`),
    );
    assert.match(
      error.message,
      /query analysis\.provider\.queries\.errors: sum\(quikship_router_errors_total\{service=\); fix analysis\.provider\.queries\.errors in the platform file$/,
    );
  });

  it("says that a wrong URL could not be reached, naming it and the query", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const error = await prometheusProvider({ url })
      .sample(query("dev", [1]))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(error instanceof UnavailableError, String(error));
    assert.match(
      error.message,
      new RegExp(
        `^Prometheus at ${url} could not be reached \\(.*ECONNREFUSED.*; query analysis\\.provider\\.queries\\.\\w+: sum`,
      ),
    );
    assert.match(error.message, /check analysis\.provider\.url and that Prometheus is running$/);
  });

  it("says that a URL which is not Prometheus's gave no Prometheus answer", async () => {
    const error = await prometheusProvider({ url: upstream })
      .sample(query("dev", [1]))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(error instanceof InputError, String(error));
    assert.match(
      error.message,
      new RegExp(
        `^Prometheus at ${upstream} answered HTTP 200 OK without a Prometheus API response at ${upstream}/api/v1/query`,
      ),
    );
    assert.match(error.message, /must be the base URL of a Prometheus server, without \/api\/v1$/);
  });
});
