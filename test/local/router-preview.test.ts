import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { Router } from "../../src/local/router/index.js";
import { createRouter } from "../../src/local/router/index.js";
import { until } from "./agent-support.js";
import type { DemoInstance } from "./demo-support.js";
import { deadPort, identity, request, startDemo } from "./demo-support.js";

const SERVICE = "auth-service";
const agent = new http.Agent({ keepAlive: true });
const cleanups: (() => Promise<unknown>)[] = [];
let blue: DemoInstance, green: DemoInstance;

before(async () => {
  [blue, green] = await Promise.all([startDemo({ version: "v1.0.0" }), startDemo({ version: "v1.1.0" })]);
  cleanups.push(
    () => blue.stop(),
    () => green.stop(),
  );
});

after(async () => {
  agent.destroy();
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

async function router(options: { mirrorTimeoutMs?: number } = {}): Promise<Router> {
  const created = await createRouter({ environment: "dev", ...options });
  cleanups.push(() => created.close());
  return created;
}

/** Blue (revision 1) takes all live traffic; revision 2 runs on `preview` without weight. */
function blueGreen(r: Router, preview: { url: string }): void {
  r.setRoutes(SERVICE, [
    { revision: 1, weight: 100, targets: [{ id: "blue", url: blue.url }] },
    { revision: 2, weight: 0, targets: [{ id: "green", url: preview.url }] },
  ]);
}

const counted = (r: Router, revision: number): { requests: number; errors: number; sumMs: number } => {
  const t = r.traffic(SERVICE).find((x) => x.revision === revision);
  return { requests: t?.requests ?? 0, errors: t?.errors ?? 0, sumMs: t?.latency.sumMs ?? 0 };
};

/** An in-process instance that keeps what each request it received looked like. */
async function recorder(): Promise<{
  url: string;
  seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[];
}> {
  const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe("the router's preview route", () => {
  it("sends requests with x-quikship-preview: 1 or to Host SERVICE.preview.ENV.localhost to the preview revision, counted as its own", async () => {
    const r = await router();
    blueGreen(r, green);
    r.setPreview(SERVICE, { revision: 2, mirrorPercent: 0 });
    for (let i = 0; i < 5; i++)
      assert.equal(identity(await request(`${r.url}/${SERVICE}/`, { agent })).version, "v1.0.0");
    const byHeader = await request(`${r.url}/${SERVICE}/`, { agent, headers: { "x-quikship-preview": "1" } });
    const byHost = await request(`${r.url}/`, { agent, host: `${SERVICE}.preview.dev.localhost:${r.port}` });
    for (const answer of [byHeader, byHost]) {
      assert.deepEqual(
        [answer.status, answer.headers["x-quikship-revision"], identity(answer).version],
        [200, "2", "v1.1.0"],
      );
    }
    assert.deepEqual([counted(r, 1).requests, counted(r, 2).requests], [5, 2]);
  });

  it("answers 404 when the service has no preview route and 503 when its revision does not run", async () => {
    const r = await router();
    blueGreen(r, green);
    const none = await request(`${r.url}/${SERVICE}/`, { agent, headers: { "x-quikship-preview": "1" } });
    assert.equal(none.status, 404);
    assert.match(
      (JSON.parse(none.body) as { error: { message: string } }).error.message,
      /auth-service has no preview route in dev/,
    );
    r.setPreview(SERVICE, { revision: 9, mirrorPercent: 0 });
    const gone = await request(`${r.url}/`, { agent, host: `${SERVICE}.preview.dev.localhost` });
    assert.equal(gone.status, 503);
    assert.match(
      (JSON.parse(gone.body) as { error: { message: string } }).error.message,
      /preview revision 9 does not run in dev/,
    );
    r.setPreview(SERVICE, null);
    assert.equal(
      (await request(`${r.url}/${SERVICE}/`, { agent, headers: { "x-quikship-preview": "1" } })).status,
      404,
    );
    assert.equal((await request(`${r.url}/${SERVICE}/`, { agent })).status, 200, "live traffic is untouched");
  });

  it("mirrors its share of live reads without their bodies, never writes, and counts the mirrored answers", async () => {
    const preview = await recorder();
    const r = await router();
    blueGreen(r, preview);
    r.setPreview(SERVICE, { revision: 2, mirrorPercent: 100 });
    for (let i = 0; i < 20; i++) {
      const answer = await request(`${r.url}/${SERVICE}/orders?page=${i}`, {
        agent,
        body: "a body",
        headers: { "content-length": "6" },
      });
      assert.deepEqual([answer.status, answer.headers["x-quikship-revision"]], [200, "1"]);
    }
    for (let i = 0; i < 5; i++) await request(`${r.url}/${SERVICE}/orders`, { agent, method: "POST", body: "{}" });
    await request(`${r.url}/${SERVICE}/`, { agent, method: "HEAD" });
    await until("21 mirrored answers are counted", () => counted(r, 2).requests === 21);
    assert.deepEqual(preview.seen.map((s) => s.method).sort(), [...Array<string>(20).fill("GET"), "HEAD"].sort());
    assert.ok(
      preview.seen.every(
        (s) => s.body === "" && s.headers["x-quikship-mirror"] === "1" && s.headers["content-length"] === undefined,
      ),
    );
    assert.equal(preview.seen[0]?.url, "/orders?page=0");
    assert.deepEqual(counted(r, 1).requests, 26);

    r.setPreview(SERVICE, { revision: 2, mirrorPercent: 25 });
    for (let i = 0; i < 400; i++) await request(`${r.url}/${SERVICE}/`, { agent });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const mirrored = counted(r, 2).requests - 21;
    assert.ok(mirrored > 60 && mirrored < 140, `${mirrored} of 400 mirrored at 25%`);
  });

  it("answers live clients at their own pace while a slow preview takes its time, then counts its latency", async () => {
    const slow = await startDemo({ version: "v1.1.0-slow" });
    cleanups.push(() => slow.stop());
    const r = await router();
    blueGreen(r, slow);
    r.setPreview(SERVICE, { revision: 2, mirrorPercent: 100 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => request(`${r.url}/${SERVICE}/`, { agent })));
    assert.ok(
      answers.every((a) => a.status === 200 && a.ms < 400),
      answers.map((a) => Math.round(a.ms)).join(", "),
    );
    assert.equal(counted(r, 2).requests, 0, "the mirrors are still on their way");
    await until("the slow preview's answers are counted", () => counted(r, 2).requests === 10, 5_000);
    assert.ok(counted(r, 2).sumMs >= 10 * 600);
  });

  it("keeps live answers whole when the preview fails, counting the mirrors as its errors", async () => {
    const port = await deadPort();
    const bad = await startDemo({ version: "v1.1.0-bad" });
    cleanups.push(() => bad.stop());
    const r = await router();
    blueGreen(r, { url: `http://127.0.0.1:${port}` });
    r.setPreview(SERVICE, { revision: 2, mirrorPercent: 100 });
    for (let i = 0; i < 20; i++) assert.equal((await request(`${r.url}/${SERVICE}/`, { agent })).status, 200);
    await until("the refused mirrors are counted", () => counted(r, 2).requests === 20);
    assert.deepEqual([counted(r, 1).errors, counted(r, 2).errors], [0, 20]);

    blueGreen(r, bad);
    for (let i = 0; i < 100; i++) assert.equal((await request(`${r.url}/${SERVICE}/`, { agent })).status, 200);
    await until("the bad preview's answers are counted", () => counted(r, 2).requests === 120);
    assert.ok(counted(r, 2).errors > 20, `${counted(r, 2).errors - 20} of 100 mirrored answers were 500`);
  });

  it("cuts off a mirror the preview never answers and counts it as the preview's error", async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => (silent.closeAllConnections(), silent.close(resolve))));
    const r = await router({ mirrorTimeoutMs: 200 });
    blueGreen(r, { url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` });
    r.setPreview(SERVICE, { revision: 2, mirrorPercent: 100 });
    for (let i = 0; i < 5; i++) assert.equal((await request(`${r.url}/${SERVICE}/`, { agent })).status, 200);
    await until("the unanswered mirrors are counted", () => counted(r, 2).requests === 5, 3_000);
    assert.equal(counted(r, 2).errors, 5);
  });
});

describe("the router's own paths", () => {
  it("answers GET /-/metrics with its Prometheus text, and 404 for anything else under /-/", async () => {
    const r = await router();
    blueGreen(r, green);
    await request(`${r.url}/${SERVICE}/`, { agent });
    const metrics = await request(`${r.url}/-/metrics`, { agent });
    assert.equal(metrics.status, 200);
    assert.match(String(metrics.headers["content-type"]), /^text\/plain; version=0\.0\.4/);
    assert.equal(metrics.body, r.prometheus());
    assert.ok(
      metrics.body.includes(
        'quikship_router_requests_total{environment="dev",service="auth-service",revision="1"} 1\n',
      ),
    );
    assert.equal((await request(`${r.url}/-/metrics`, { agent, method: "POST", body: "" })).status, 404);
    assert.equal((await request(`${r.url}/-/other`, { agent })).status, 404);
  });
});
