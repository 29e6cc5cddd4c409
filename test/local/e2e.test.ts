import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { ensureAgent } from "../../src/local/agent/client.js";
import type { ServiceStatus } from "../../src/local/contract.js";
import { parseJson, runCli } from "../support/cli-process.js";
import type { CliResult } from "../support/cli-process.js";
import type { ServerProcess } from "../support/server-process.js";
import { Api, localPlatform, startLocal, watchTraffic } from "./e2e-support.js";

const { dir, config, state } = localPlatform();
let server: ServerProcess;
let api: Api;

async function version(): Promise<string> {
  const response = await fetch(`${server.routers.dev}/api/`);
  return ((await response.json()) as { version: string }).version;
}

const cli = (...args: string[]): Promise<CliResult> => runCli({ server: server.url, state, configHome: dir }, args);

interface StatusJson {
  environments: {
    environment: string;
    router: { url: string } | null;
    services: {
      service: string;
      tag: string | null;
      revision: number | null;
      desired: number;
      ready: number;
      health: string;
    }[];
  }[];
}

/** The pids of api's instances, from the agent itself. */
async function instancePids(): Promise<(number | null)[]> {
  const agent = await ensureAgent({ stateDir: state, startIfMissing: false });
  const api: ServiceStatus | undefined = (await agent.status("dev")).find((s) => s.service === "api");
  return api?.revisions.flatMap((r) => r.instances.map((i) => i.pid)) ?? [];
}

async function apiStatus(): Promise<StatusJson["environments"][number]["services"][number]> {
  const status = parseJson<StatusJson>(await cli("status", "dev", "-o", "json"));
  return status.environments[0]!.services.find((s) => s.service === "api")!;
}

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

  // api and web take separate locks, and each waits out its rollouts' minReady: side by side.
  describe("api and web at the same time", { concurrency: true }, () => {
    describe("api, one rollout after the other", { concurrency: 1 }, () => {
      it("fails a crashing version, rolls it back, and keeps serving the old one without a failed request", async () => {
        const traffic = watchTraffic(`${server.routers.dev}/api/`);
        const run = await api.finished((await api.submit("deploy", ["api"], { tag: "v1.1.0-crash" })).id);
        const { statuses, versions } = await traffic.stop();
        assert.equal(run.status, "failed");
        assert.match(
          run.error?.message ?? "",
          /revision 2 of api \(v1\.1\.0-crash\) failed its health checks in dev: an instance crashed .*; rolled back to revision 1 \(v1\.0\.0\)/,
        );
        assert.ok(statuses.length > 20, `${statuses.length} requests`);
        assert.deepEqual([...new Set(statuses)], [200]);
        assert.deepEqual([...versions], ["v1.0.0"]);
      });

      it("rolls a new version out with no failed request, and rolls it back to the previous one", async () => {
        const traffic = watchTraffic(`${server.routers.dev}/api/`);
        assert.equal(
          (await api.finished((await api.submit("deploy", ["api"], { tag: "v1.2.0" })).id)).status,
          "succeeded",
        );
        assert.equal(await version(), "v1.2.0");
        const rollback = await api.finished((await api.submit("rollback", ["api"])).id);
        assert.equal(rollback.status, "succeeded", JSON.stringify(rollback.error));
        assert.equal(await version(), "v1.0.0");
        const { statuses } = await traffic.stop();
        assert.deepEqual([...new Set(statuses)], [200]);
      });
    });

    it("serializes two deploys of one service through its lock, in the order they came", async () => {
      const first = await api.submit("deploy", ["web"], { tag: "v2.0.0" });
      const second = await api.submit("deploy", ["web"], { tag: "v2.1.0" });
      const [a, b] = [await api.finished(first.id), await api.finished(second.id)];
      assert.equal(a.status, "succeeded");
      assert.equal(b.status, "succeeded");
      assert.ok(
        a.finishedAt! <= b.stages[0]!.steps.find((s) => s.key === "revision/web")!.startedAt!,
        "the second recorded its revision after the first finished",
      );
      const response = await fetch(`${server.routers.dev}/web/`);
      assert.equal(((await response.json()) as { version: string }).version, "v2.1.0");
    });
  });

  it("refuses an unknown service, an unknown environment and a malformed tag, creating no run", async () => {
    const before = (await api.call<unknown[]>("GET", "/v1/runs?limit=500")).body.length;
    const unknownService = await api.call<{ error: { message: string } }>("POST", "/v1/runs", {
      kind: "deploy",
      environment: "dev",
      services: ["apj"],
      params: { tag: "v1" },
    });
    assert.equal(unknownService.status, 404);
    assert.match(unknownService.body.error.message, /unknown service "apj" \(did you mean "api"/);
    const unknownEnv = await api.call<{ error: { message: string } }>("POST", "/v1/runs", {
      kind: "deploy",
      environment: "prod",
      services: ["api"],
      params: { tag: "v1" },
    });
    assert.equal(unknownEnv.status, 404);
    const badTag = await api.call<{ error: { message: string } }>("POST", "/v1/runs", {
      kind: "deploy",
      environment: "dev",
      services: ["api"],
      params: { tag: "v1 beta" },
    });
    assert.equal(badTag.status, 400);
    assert.match(badTag.body.error.message, /params\.tag:? must be an image tag/);
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

  it("shows status, history, preview and logs through the CLI", async () => {
    const status = parseJson<StatusJson>(await cli("status", "dev", "-o", "json"));
    assert.equal(status.environments[0]?.router?.url, server.routers.dev);
    const api = status.environments[0]!.services.find((s) => s.service === "api")!;
    assert.deepEqual([api.tag, api.ready, api.desired, api.health], ["v1.3.0", 1, 1, "healthy"]);
    const text = await cli("status", "dev");
    assert.equal(text.code, 0);
    assert.match(text.stdout, /api\s+v1\.3\.0/);

    const history = parseJson<{ revisions: { number: number; tag: string; status: string }[] }>(
      await cli("history", "dev", "api", "-o", "json"),
    ).revisions;
    assert.deepEqual(history.map((r) => [r.tag, r.status]).slice(0, 3), [
      ["v1.3.0", "active"],
      ["v1.0.0", "superseded"],
      ["v1.2.0", "superseded"],
    ]);
    assert.ok(history.some((r) => r.tag === "v1.1.0-crash" && r.status === "failed"));

    const preview = parseJson<{ services: { service: string; change: string; next: { tag: string } }[] }>(
      await cli("preview", "dev", "--services", "api", "--tag", "v9.9.9", "-o", "json"),
    );
    assert.deepEqual(
      preview.services.map((s) => [s.service, s.next.tag]),
      [["api", "v9.9.9"]],
    );
    assert.equal(
      parseJson<{ revisions: unknown[] }>(await cli("history", "dev", "api", "-o", "json")).revisions.length,
      history.length,
      "a preview records nothing",
    );

    const logs = await cli("logs", "dev", "api");
    assert.equal(logs.code, 0);
    assert.match(logs.stdout, /api v1\.3\.0 \(dev\) listening on http:\/\/127\.0\.0\.1:\d+/);
  });

  it("scales, restarts and rolls back through the CLI, waiting for each", async () => {
    const scaled = await cli("scale", "dev", "--services", "api", "--replicas", "2", "--wait");
    assert.equal(scaled.code, 0, scaled.stderr);
    const api = await apiStatus();
    assert.deepEqual([api.ready, api.desired], [2, 2]);
    const pidsBefore = await instancePids();

    const restarted = await cli("restart", "dev", "--services", "api", "--wait");
    assert.equal(restarted.code, 0, restarted.stderr);
    const pidsAfter = await instancePids();
    assert.equal(pidsAfter.length, 2);
    assert.deepEqual(
      pidsAfter.filter((p) => pidsBefore.includes(p)),
      [],
      "every instance was replaced",
    );

    const rolledBack = await cli("rollback", "dev", "--services", "api", "--wait");
    assert.equal(rolledBack.code, 0, rolledBack.stderr);
    assert.equal(await version(), "v1.0.0");
    const wrong = await cli("scale", "dev", "--services", "api", "--replicas", "many");
    assert.equal(wrong.code, 2);
  });

  it("promotes what dev runs to qa and runs qa's smoke test against qa's router", async () => {
    const run = await api.finished((await api.submit("promote", ["api"], { to: ["qa"], tag: "v1.0.0" })).id);
    assert.equal(run.status, "succeeded", JSON.stringify(run.error));
    const { body: events } = await api.call<{ type: string; data: { step?: string; line?: string } }[]>(
      "GET",
      `/v1/runs/${run.id}/events?format=json`,
    );
    const smoke = events
      .filter((e) => e.type === "log" && e.data.step === "qa/test/smoke")
      .map((e) => e.data.line ?? "");
    assert.ok(
      smoke.some((line) => /api/.test(line)),
      smoke.join("\n"),
    );
    const qa = await fetch(`${server.routers.qa}/api/`);
    assert.equal(((await qa.json()) as { version: string }).version, "v1.0.0");
  });
});
