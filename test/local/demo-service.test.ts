import assert from "node:assert/strict";
import http from "node:http";
import { after, describe, it } from "node:test";
import type { DemoInstance } from "./demo-support.js";
import { identity, request, startDemo } from "./demo-support.js";

const started: DemoInstance[] = [];
const agent = new http.Agent({ keepAlive: true });

after(async () => {
  agent.destroy();
  await Promise.all(started.map((instance) => instance.stop()));
});

async function demo(version: string): Promise<DemoInstance> {
  const instance = await startDemo({ service: "auth-service", version, environment: "qa" });
  started.push(instance);
  return instance;
}

describe("the demo service", () => {
  it("answers health and its identity as JSON, with or without its service prefix", async () => {
    const instance = await demo("v1.0.0");
    const health = await request(`${instance.url}/health`, { agent });
    assert.deepEqual([health.status, JSON.parse(health.body)], [200, { status: "ok" }]);
    const root = await request(`${instance.url}/`, { agent });
    assert.equal(root.status, 200);
    assert.equal(root.headers["content-type"], "application/json");
    assert.deepEqual(identity(root), {
      service: "auth-service",
      version: "v1.0.0",
      environment: "qa",
      pid: instance.child.pid,
    });
    const other = await request(`${instance.url}/orders/42?x=1`, { agent });
    assert.equal(identity(other).version, "v1.0.0");
    const prefixed = await request(`${instance.url}/auth-service/health`, { agent });
    assert.deepEqual([prefixed.status, JSON.parse(prefixed.body)], [200, { status: "ok" }]);
  });

  it("answers about 30% of requests with 500 when its version is -bad, and health always", async () => {
    const instance = await demo("v1.1.0-bad");
    let failures = 0;
    for (let i = 0; i < 400; i++) if ((await request(`${instance.url}/`, { agent })).status === 500) failures++;
    assert.ok(failures >= 80 && failures <= 160, `${failures} of 400 failed, expected 20–40%`);
    for (let i = 0; i < 50; i++) assert.equal((await request(`${instance.url}/health`, { agent })).status, 200);
  });

  it("adds 600 ms to every request but health when its version is -slow", async () => {
    const instance = await demo("v1.1.0-slow");
    const answers = await Promise.all([1, 2, 3].map(() => request(`${instance.url}/`)));
    for (const answer of answers) {
      assert.equal(answer.status, 200);
      assert.ok(answer.ms >= 600, `took ${answer.ms} ms`);
    }
    const health = await request(`${instance.url}/health`, { agent });
    assert.ok(health.ms < 300, `health took ${health.ms} ms`);
  });

  it("answers health, then exits with status 1 about 2 s after start when its version is -crash", async () => {
    const begun = performance.now();
    const instance = await demo("v1.1.0-crash");
    const ready = performance.now();
    assert.equal((await request(`${instance.url}/health`)).status, 200);
    const timer = setTimeout(() => instance.child.kill("SIGKILL"), 10_000);
    const code = await instance.exited;
    clearTimeout(timer);
    const exited = performance.now();
    assert.equal(code, 1);
    // Not before 2 s from the spawn, and within 2 s (plus a loaded machine's slack) of answering.
    assert.ok(exited - begun >= 1900, `exited ${exited - begun} ms after the spawn`);
    assert.ok(exited - ready < 3500, `exited ${exited - ready} ms after it was ready`);
  });

  it("closes and exits 0 on SIGTERM, also with a kept-alive connection open", async () => {
    const instance = await demo("v1.0.0");
    assert.equal((await request(`${instance.url}/`, { agent })).status, 200);
    assert.equal(await instance.stop(), 0);
  });
});
