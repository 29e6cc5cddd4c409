import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { ServiceStatus } from "../../src/local/contract.js";
import type { ServerProcess } from "../support/server-process.js";
import { Api, localPlatform, startLocal, watchTraffic } from "./e2e-support.js";

const { dir, config, state } = localPlatform();
let server: ServerProcess;
let api: Api;

async function version(): Promise<string> {
  const response = await fetch(`${server.routers.dev}/api/`);
  return ((await response.json()) as { version: string }).version;
}

async function agentStatus(): Promise<ServiceStatus | undefined> {
  const { body } = await api.call<{ environments: { services: { service: string; target?: ServiceStatus }[] }[] }>("GET", "/v1/status?environment=dev");
  void body;
  return undefined;
}
void agentStatus;

describe("the local target, end to end on a live server and agent", () => {
  before(async () => {
    server = await startLocal(config, state);
    api = new Api(server, state);
  });
  after(async () => {
    server.child.kill("SIGTERM");
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it("deploys a tag and serves it through the environment's router", async () => {
    const run = await api.finished((await api.submit("deploy", ["api"], { tag: "v1.0.0" })).id);
    assert.equal(run.status, "succeeded", JSON.stringify(run.error));
    assert.equal(await version(), "v1.0.0");
  });

  it("fails a crashing version, rolls it back, and keeps serving the old one without a failed request", async () => {
    const traffic = watchTraffic(`${server.routers.dev}/api/`);
    const run = await api.finished((await api.submit("deploy", ["api"], { tag: "v1.1.0-crash" })).id);
    const { statuses, versions } = await traffic.stop();
    assert.equal(run.status, "failed");
    assert.match(run.error?.message ?? "", /revision 2 of api \(v1\.1\.0-crash\) failed its health checks in dev: an instance crashed .*; rolled back to revision 1 \(v1\.0\.0\)/);
    assert.ok(statuses.length > 20, `${statuses.length} requests`);
    assert.deepEqual([...new Set(statuses)], [200]);
    assert.deepEqual([...versions], ["v1.0.0"]);
  });

  it("rolls a new version out with no failed request, and rolls it back to the previous one", async () => {
    const traffic = watchTraffic(`${server.routers.dev}/api/`);
    assert.equal((await api.finished((await api.submit("deploy", ["api"], { tag: "v1.2.0" })).id)).status, "succeeded");
    assert.equal(await version(), "v1.2.0");
    const rollback = await api.finished((await api.submit("rollback", ["api"])).id);
    assert.equal(rollback.status, "succeeded", JSON.stringify(rollback.error));
    assert.equal(await version(), "v1.0.0");
    const { statuses } = await traffic.stop();
    assert.deepEqual([...new Set(statuses)], [200]);
  });

  it("serializes two deploys of one service through its lock, in the order they came", async () => {
    const first = await api.submit("deploy", ["web"], { tag: "v2.0.0" });
    const second = await api.submit("deploy", ["web"], { tag: "v2.1.0" });
    const [a, b] = [await api.finished(first.id), await api.finished(second.id)];
    assert.equal(a.status, "succeeded");
    assert.equal(b.status, "succeeded");
    assert.ok(a.finishedAt! <= b.stages[0]!.steps.find((s) => s.key === "revision/web")!.startedAt!, "the second recorded its revision after the first finished");
    const response = await fetch(`${server.routers.dev}/web/`);
    assert.equal(((await response.json()) as { version: string }).version, "v2.1.0");
  });

  it("refuses an unknown service, an unknown environment and a malformed tag, creating no run", async () => {
    const before = (await api.call<unknown[]>("GET", "/v1/runs?limit=500")).body.length;
    const unknownService = await api.call<{ error: { message: string } }>("POST", "/v1/runs", { kind: "deploy", environment: "dev", services: ["apj"], params: { tag: "v1" } });
    assert.equal(unknownService.status, 404);
    assert.match(unknownService.body.error.message, /unknown service "apj" \(did you mean "api"/);
    const unknownEnv = await api.call<{ error: { message: string } }>("POST", "/v1/runs", { kind: "deploy", environment: "prod", services: ["api"], params: { tag: "v1" } });
    assert.equal(unknownEnv.status, 404);
    const badTag = await api.call<{ error: { message: string } }>("POST", "/v1/runs", { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1 beta" } });
    assert.equal(badTag.status, 400);
    assert.match(badTag.body.error.message, /params\.tag must be an image tag/);
    assert.equal((await api.call<unknown[]>("GET", "/v1/runs?limit=500")).body.length, before);
  });

  it("keeps instances answering when the server is killed mid-rollout, and completes the rollout after a restart", async () => {
    const traffic = watchTraffic(`${server.routers.dev}/api/`);
    const run = await api.submit("deploy", ["api"], { tag: "v1.3.0" });
    await new Promise((r) => setTimeout(r, 600));
    server.child.kill("SIGKILL");
    await server.exited;
    await new Promise((r) => setTimeout(r, 500));
    server = await startLocal(config, state);
    api = new Api(server, state);
    const done = await api.finished(run.id);
    const { statuses } = await traffic.stop();
    assert.equal(done.status, "succeeded", JSON.stringify(done.error));
    assert.equal(await version(), "v1.3.0");
    assert.deepEqual([...new Set(statuses)], [200], "the router kept answering while the server was down");
  });
});
