import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import type { Router } from "../../src/local/router/index.js";
import { createRouter } from "../../src/local/router/index.js";
import type { DemoInstance } from "./demo-support.js";
import { deadPort, identity, request, startDemo } from "./demo-support.js";

const SERVICE = "auth-service";
const agent = new http.Agent({ keepAlive: true });
let v1a: DemoInstance, v1b: DemoInstance, v2: DemoInstance;
const routers: Router[] = [];

before(async () => {
  [v1a, v1b, v2] = await Promise.all([
    startDemo({ version: "v1.0.0" }),
    startDemo({ version: "v1.0.0" }),
    startDemo({ version: "v1.1.0" }),
  ]);
});

after(async () => {
  agent.destroy();
  await Promise.all(routers.map((router) => router.close()));
  await Promise.all([v1a, v1b, v2].map((instance) => instance?.stop()));
});

async function router(): Promise<Router> {
  const created = await createRouter({ environment: "dev" });
  routers.push(created);
  return created;
}

function target(instance: DemoInstance): { id: string; url: string } {
  return { id: `i-${instance.port}`, url: instance.url };
}

/** Routes `auth-service` 1 → [v1a, v1b] and 2 → [v2] with the given weights. */
function split(r: Router, weight1: number, weight2: number): void {
  r.setRoutes(SERVICE, [
    { revision: 1, weight: weight1, targets: [target(v1a), target(v1b)] },
    { revision: 2, weight: weight2, targets: [target(v2)] },
  ]);
}

/** How many of `n` sequential requests each revision answered. */
async function shares(r: Router, n: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const answer = await request(`${r.url}/${SERVICE}/`, { agent });
    assert.equal(answer.status, 200);
    const revision = String(answer.headers["x-quikship-revision"]);
    counts[revision] = (counts[revision] ?? 0) + 1;
  }
  return counts;
}

describe("the router", () => {
  it("routes by Host SERVICE.ENV.localhost, with or without a port, and by path prefix with the prefix stripped", async () => {
    const r = await router();
    split(r, 100, 0);
    for (const host of [
      `${SERVICE}.dev.localhost:${r.port}`,
      `${SERVICE}.dev.localhost`,
      `${SERVICE.toUpperCase()}.DEV.localhost`,
    ]) {
      const answer = await request(`${r.url}/`, { agent, host });
      assert.equal(answer.status, 200, host);
      assert.equal(identity(answer).service, SERVICE);
    }
    const health = await request(`${r.url}/${SERVICE}/health`, { agent });
    assert.deepEqual(
      [health.status, JSON.parse(health.body), health.headers["x-quikship-revision"]],
      [200, { status: "ok" }, "1"],
    );
    assert.equal(identity(await request(`${r.url}/${SERVICE}`, { agent })).version, "v1.0.0");
    assert.equal(identity(await request(`${r.url}/${SERVICE}?q=1`, { agent })).version, "v1.0.0");
  });

  it("sends everything to the revision weighted 100 and nothing to the one weighted 0", async () => {
    const r = await router();
    split(r, 100, 0);
    assert.deepEqual(await shares(r, 100), { "1": 100 });
    split(r, 0, 100);
    assert.deepEqual(await shares(r, 100), { "2": 100 });
  });

  it("splits 50/50 within 15% over 400 requests and round-robins a revision's instances", async () => {
    const r = await router();
    split(r, 50, 50);
    const counts = await shares(r, 400);
    assert.ok(Math.abs((counts["1"] ?? 0) - 200) <= 60, JSON.stringify(counts));
    const pids = new Set<number>();
    split(r, 100, 0);
    for (let i = 0; i < 4; i++) pids.add(identity(await request(`${r.url}/${SERVICE}/`, { agent })).pid);
    assert.deepEqual([...pids].sort(), [v1a.child.pid, v1b.child.pid].sort());
  });

  it("applies a weight change from the very next request", async () => {
    const r = await router();
    for (let i = 0; i < 10; i++) {
      const to = i % 2 === 0 ? 1 : 2;
      split(r, to === 1 ? 100 : 0, to === 1 ? 0 : 100);
      assert.equal((await request(`${r.url}/${SERVICE}/`, { agent })).headers["x-quikship-revision"], String(to));
    }
  });

  it("answers 404 naming the known services for an unknown one", async () => {
    const r = await router();
    split(r, 100, 0);
    r.setRoutes("user-service", [{ revision: 1, weight: 100, targets: [target(v2)] }]);
    for (const answer of [
      await request(`${r.url}/billing/health`, { agent }),
      await request(`${r.url}/`, { agent, host: "billing.dev.localhost" }),
    ]) {
      assert.equal(answer.status, 404);
      const { error } = JSON.parse(answer.body) as { error: { message: string; details: { known: string[] } } };
      assert.match(error.message, /no service "billing" in environment dev/);
      assert.deepEqual(error.details.known, ["auth-service", "user-service"]);
    }
    r.removeService("user-service");
    assert.equal((await request(`${r.url}/user-service/`, { agent })).status, 404);
  });

  it("answers 502 and counts an error of the revision when its only instance is down", async () => {
    const r = await router();
    const port = await deadPort();
    r.setRoutes(SERVICE, [{ revision: 7, weight: 100, targets: [{ id: "gone", url: `http://127.0.0.1:${port}` }] }]);
    const answer = await request(`${r.url}/${SERVICE}/`, { agent });
    assert.equal(answer.status, 502);
    assert.equal(answer.headers["x-quikship-revision"], "7");
    assert.match(
      (JSON.parse(answer.body) as { error: { message: string } }).error.message,
      /no instance of auth-service revision 7 answered: .*ECONNREFUSED/,
    );
    assert.deepEqual(
      r.traffic(SERVICE).map((t) => [t.revision, t.requests, t.errors]),
      [[7, 1, 1]],
    );
  });

  it("retries on another instance of the same revision when one is down, failing no request", async () => {
    const r = await router();
    const port = await deadPort();
    r.setRoutes(SERVICE, [
      { revision: 1, weight: 50, targets: [{ id: "gone", url: `http://127.0.0.1:${port}` }, target(v1a)] },
      { revision: 2, weight: 50, targets: [target(v2)] },
    ]);
    const counts = await shares(r, 40);
    assert.ok((counts["1"] ?? 0) > 0 && (counts["2"] ?? 0) > 0, JSON.stringify(counts));
    assert.deepEqual(
      r.traffic(SERVICE).map((t) => [t.revision, t.errors]),
      [
        [1, 0],
        [2, 0],
      ],
    );
  });

  it("counts a -bad revision's 500s as its errors", async () => {
    const bad = await startDemo({ version: "v1.2.0-bad" });
    try {
      const r = await router();
      r.setRoutes(SERVICE, [{ revision: 3, weight: 100, targets: [target(bad)] }]);
      let failed = 0;
      for (let i = 0; i < 100; i++) if ((await request(`${r.url}/${SERVICE}/`, { agent })).status === 500) failed++;
      assert.ok(failed > 0);
      assert.deepEqual(
        r.traffic(SERVICE).map((t) => [t.requests, t.errors]),
        [[100, failed]],
      );
    } finally {
      await bad.stop();
    }
  });

  it("says which port is taken when its port is in use", async () => {
    const taken = await router();
    await assert.rejects(
      createRouter({ environment: "qa", port: taken.port }),
      /the qa router cannot listen on 127\.0\.0\.1:\d+: the port is in use/,
    );
  });

  it("rejects weights out of range and a revision listed twice", async () => {
    const r = await router();
    assert.throws(() => r.setRoutes(SERVICE, [{ revision: 1, weight: 101, targets: [] }]), /weight must be 0–100/);
    assert.throws(
      () =>
        r.setRoutes(SERVICE, [
          { revision: 1, weight: 50, targets: [] },
          { revision: 1, weight: 50, targets: [] },
        ]),
      /listed twice/,
    );
  });
});
