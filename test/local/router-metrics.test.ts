import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, it } from "node:test";
import type { RouterOptions } from "../../src/local/router/index.js";
import { createRouter, LATENCY_BUCKETS_MS } from "../../src/local/router/index.js";
import { request, startDemo } from "./demo-support.js";

const SERVICE = "auth-service";
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const cleanups: (() => Promise<unknown>)[] = [];

after(async () => {
  agent.destroy();
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

async function router(options: Partial<RouterOptions> = {}) {
  const created = await createRouter({ environment: "dev", ...options });
  cleanups.push(() => created.close());
  return created;
}

/** An in-process instance that echoes what it received and counts the connections made to it. */
async function echoInstance(): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          url: req.url,
          method: req.method,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

describe("the router's metrics and connections", () => {
  it("counts requests per revision in histogram buckets that match the latencies seen", async () => {
    const [fast, slow] = await Promise.all([startDemo({ version: "v1.0.0" }), startDemo({ version: "v1.1.0-slow" })]);
    cleanups.push(
      () => fast.stop(),
      () => slow.stop(),
    );
    const seen: [string, number, number, number][] = [];
    const r = await router({
      onResponse: (service, revision, status, ms) => seen.push([service, revision, status, ms]),
    });
    r.setRoutes(SERVICE, [{ revision: 1, weight: 100, targets: [{ id: "fast", url: fast.url }] }]);
    for (let i = 0; i < 20; i++) assert.equal((await request(`${r.url}/${SERVICE}/`, { agent })).status, 200);
    r.setRoutes(SERVICE, [{ revision: 2, weight: 100, targets: [{ id: "slow", url: slow.url }] }]);
    await Promise.all([1, 2, 3].map(() => request(`${r.url}/${SERVICE}/`)));

    const [one, two] = r.traffic(SERVICE);
    assert.deepEqual(
      [one?.revision, one?.requests, one?.errors, two?.revision, two?.requests, two?.errors],
      [1, 20, 0, 2, 3, 0],
    );
    assert.deepEqual(one?.latency.le, [...LATENCY_BUCKETS_MS]);
    const at = (ms: number) => LATENCY_BUCKETS_MS.indexOf(ms as (typeof LATENCY_BUCKETS_MS)[number]);
    assert.equal(one?.latency.counts[at(500)], 20, "fast requests fall under 500 ms");
    assert.deepEqual(
      [two?.latency.counts[at(500)], two?.latency.counts[at(1000)]],
      [0, 3],
      "slow requests fall in 500–1000 ms",
    );
    assert.ok((two?.latency.sumMs ?? 0) >= 1800);
    assert.equal(seen.length, 23);
    assert.deepEqual(seen[0]?.slice(0, 3), [SERVICE, 1, 200]);
    assert.ok(seen.slice(20).every(([, revision, status, ms]) => revision === 2 && status === 200 && ms >= 600));

    const text = r.prometheus();
    const labels = (revision: number) => `environment="dev",service="auth-service",revision="${revision}"`;
    for (const line of [
      `quikship_router_requests_total{${labels(1)}} 20`,
      `quikship_router_errors_total{${labels(1)}} 0`,
      `quikship_router_request_duration_seconds_bucket{${labels(1)},le="0.5"} 20`,
      `quikship_router_request_duration_seconds_bucket{${labels(2)},le="0.5"} 0`,
      `quikship_router_request_duration_seconds_bucket{${labels(2)},le="1"} 3`,
      `quikship_router_request_duration_seconds_bucket{${labels(2)},le="+Inf"} 3`,
      `quikship_router_request_duration_seconds_count{${labels(2)}} 3`,
      "# TYPE quikship_router_request_duration_seconds histogram",
    ]) {
      assert.ok(text.includes(`${line}\n`), `missing ${line} in\n${text}`);
    }
    const sum = text
      .split("\n")
      .find((line) => line.startsWith(`quikship_router_request_duration_seconds_sum{${labels(2)}}`));
    assert.ok(Number(sum?.split(" ")[1]) >= 1.8, String(sum));
  });

  it("reuses kept-alive connections to an instance across sequential requests", async () => {
    const instance = await echoInstance();
    const r = await router();
    r.setRoutes(SERVICE, [{ revision: 1, weight: 100, targets: [{ id: "echo", url: instance.url }] }]);
    for (let i = 0; i < 50; i++) assert.equal((await request(`${r.url}/${SERVICE}/x`, { agent })).status, 200);
    assert.equal(instance.connections(), 1);
  });

  it("streams request bodies through and forwards X-Forwarded-* headers, not hop-by-hop ones", async () => {
    const instance = await echoInstance();
    const r = await router();
    r.setRoutes(SERVICE, [{ revision: 4, weight: 100, targets: [{ id: "echo", url: instance.url }] }]);
    const body = "x".repeat(200_000);
    const answer = await request(`${r.url}/${SERVICE}/orders?id=1`, {
      agent,
      method: "POST",
      body,
      headers: { "x-forwarded-for": "10.0.0.9", "keep-alive": "timeout=1" },
    });
    const seen = JSON.parse(answer.body) as {
      url: string;
      method: string;
      body: string;
      headers: Record<string, string>;
    };
    assert.deepEqual(
      [answer.status, answer.headers["x-quikship-revision"], seen.url, seen.method, seen.body.length],
      [200, "4", "/orders?id=1", "POST", body.length],
    );
    assert.equal(seen.headers["x-forwarded-for"], "10.0.0.9, 127.0.0.1");
    assert.equal(seen.headers["x-forwarded-host"], `127.0.0.1:${r.port}`);
    assert.equal(seen.headers["x-forwarded-proto"], "http");
    assert.equal(seen.headers["keep-alive"], undefined);
  });

  it("forgets a removed service's counters and answers 503 for a service without instances", async () => {
    const r = await router();
    r.setRoutes(SERVICE, [{ revision: 1, weight: 100, targets: [] }]);
    const answer = await request(`${r.url}/${SERVICE}/`, { agent });
    assert.equal(answer.status, 503);
    assert.deepEqual(
      r.traffic(SERVICE).map((t) => [t.requests, t.errors]),
      [[1, 1]],
    );
    r.removeService(SERVICE);
    assert.deepEqual(r.traffic(SERVICE), []);
    assert.ok(!r.prometheus().includes("auth-service"));
  });
});
