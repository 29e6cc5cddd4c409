import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import type { Environment, Service } from "../../src/config/types.js";
import type { CanaryGuard } from "../../src/local/contract.js";
import type { AgentClient } from "../../src/local/agent/client.js";
import { ensureAgent, stopAgent } from "../../src/local/agent/client.js";
import { LocalTarget } from "../../src/targets/local.js";
import { gone, killAll, spec, until, workspace } from "./agent-support.js";
import { DEMO_SERVER, request } from "./demo-support.js";

/** The local target's preview route and canary guard, through a real agent process, its router and demo-service instances. */
const ws = workspace();
const seen = new Set<number>();
const agent = new http.Agent({ keepAlive: true });
const dev = { name: "dev", routerPort: undefined, progressDeadlineMs: 30_000 } as Environment;
const api = { name: "api" } as Service;
let client: AgentClient;
let target: LocalTarget;
let routerUrl: string;

const GUARD: CanaryGuard = {
  canary: 2,
  stable: 1,
  thresholds: { errorRatePercent: { warning: 1, critical: 5 } },
  judgement: { minSampleRequests: 50, confidence: 0.95, inconclusive: "pause" },
};

before(async () => {
  client = await ensureAgent({ stateDir: ws.state, startIfMissing: true });
  seen.add(client.pid);
  target = new LocalTarget(() => Promise.resolve(client));
  routerUrl = (await target.address(dev))!;
  const demo = { command: [process.execPath, DEMO_SERVER], service: "api", env: {}, secretNames: [] };
  await client.applyRevision(spec(DEMO_SERVER, { ...demo, revision: 1, tag: "v1.0.0" }));
  await client.applyRevision(spec(DEMO_SERVER, { ...demo, revision: 2, tag: "v1.1.0-bad" }));
  const status = await until("both revisions are ready", async () => {
    const s = await target.status(dev, api);
    return s.revisions.length === 2 && s.revisions.every((r) => r.ready === 1) && s;
  });
  for (const r of status.revisions) for (const i of r.instances) if (i.pid !== null) seen.add(i.pid);
});

after(async () => {
  agent.destroy();
  await stopAgent(ws.state).catch(() => undefined);
  killAll(seen);
  await gone([...seen]);
  rmSync(ws.dir, { recursive: true, force: true });
});

describe("the local target's preview route and canary guard", () => {
  it("sets a preview route and reads it back in status, reachable through the router, until removed", async () => {
    await target.setPreview(dev, api, { revision: 2, mirrorPercent: 20 });
    assert.deepEqual((await target.status(dev, api)).preview, { revision: 2, mirrorPercent: 20 });
    const answer = await request(`${routerUrl}/`, { agent, host: "api.preview.dev.localhost" });
    assert.equal(answer.headers["x-quikship-revision"], "2");
    await target.setPreview(dev, api, null);
    assert.equal((await target.status(dev, api)).preview, null);
    await assert.rejects(
      target.setPreview(dev, api, { revision: 7, mirrorPercent: 0 }),
      /api has no revision 7 in dev/,
    );
  });

  it("installs a guard, reads it back, and shows its abort in status with the weights on the stable revision", async () => {
    await target.setWeights(dev, api, { 1: 90, 2: 10 });
    const before = Date.now();
    await target.setGuard(dev, api, GUARD);
    const installed = (await target.status(dev, api)).guard;
    assert.deepEqual([installed?.canary, installed?.stable, installed?.verdict], [2, 1, null]);
    assert.ok((installed?.since ?? 0) >= before - 1_000);

    let sent = 0;
    while (sent < 2_000 && (await target.status(dev, api)).guard?.verdict == null) {
      for (let i = 0; i < 25; i++, sent++) await request(`${routerUrl}/api/`, { agent });
    }
    const status = await target.status(dev, api);
    assert.equal(status.guard?.verdict?.decision, "abort", `no abort after ${sent} requests`);
    assert.match(status.guard?.verdict?.reasons.join("; ") ?? "", /error rate above the critical 5%/);
    assert.deepEqual(status.weights, { 1: 100 });
    const traffic = await target.traffic(dev, api);
    assert.deepEqual(
      traffic.map((t) => t.revision),
      [1, 2],
    );
    assert.ok((traffic[1]?.errors ?? 0) > 0);

    await assert.rejects(
      target.setGuard(dev, api, { ...GUARD, canary: 1 }),
      /canary and stable revision of api are both 1/,
    );
    await target.setGuard(dev, api, null);
    assert.equal((await target.status(dev, api)).guard, null);
  });

  it("reports the CPU and memory of a running revision", async () => {
    const usage = await until("CPU is measured", async () => {
      const r = (await target.status(dev, api)).revisions.find((x) => x.revision === 1);
      return r?.cpuPercent != null && r;
    });
    assert.ok(usage.cpuPercent! >= 0 && usage.cpuPercent! < 200, String(usage.cpuPercent));
    assert.ok(usage.memoryPercent! > 0 && usage.memoryPercent! < 50, String(usage.memoryPercent));
  });

  it("serves the router's Prometheus text on /-/metrics", async () => {
    const answer = await request(`${routerUrl}/-/metrics`, { agent });
    assert.equal(answer.status, 200);
    assert.match(answer.body, /quikship_router_requests_total\{environment="dev",service="api",revision="2"\} \d+/);
  });
});
