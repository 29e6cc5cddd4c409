import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { RunView } from "../../src/engine/types.js";
import { runCli } from "../support/cli-process.js";
import type { ServerProcess } from "../support/server-process.js";
import { Api, DEMO, startLocal } from "./e2e-support.js";

/**
 * Canary and blue-green on the live agent and router: real demo-service instances, real
 * traffic. api rolls out as a canary (20% → 50% → 100%, 2 s bakes), web blue-green, slow as a
 * canary whose first step bakes for an hour (for promote-step and abort).
 */
function platform(): { dir: string; config: string; state: string } {
  const dir = mkdtempSync(join(tmpdir(), "quikship-progressive-"));
  const config = join(dir, "quikship.yaml");
  writeFileSync(
    config,
    `version: 1
name: progressive
stacks:
  node: { port: 3000, healthPath: /health, local: { command: [node, ${JSON.stringify(DEMO)}] } }
services:
  api: { stack: node, strategy: { type: canary, steps: [{ weight: 20, bake: 2s }, { weight: 50, bake: 2s }, { weight: 100 }] } }
  web: { stack: node, strategy: { type: blue-green, previewAnalysis: 2s, postSwitchAnalysis: 1s, standby: 10m } }
  slow: { stack: node, strategy: { type: canary, steps: [{ weight: 10, bake: 1h }, { weight: 100 }] } }
environments:
  dev: { tier: nonprod, target: local, minReady: 1s, progressDeadline: 30s, replicas: { min: 2, max: 2 } }
analysis:
  thresholds:
    errorRate: { warning: "0.5%", critical: "1%" }
    latencyP99: { warning: 200ms, critical: 500ms }
  judgement: { minSampleRequests: 30, confidence: 0.99, inconclusive: pause }
`,
  );
  return { dir, config, state: join(dir, "state") };
}

interface Seen {
  /** When the request was sent and when its answer ended. */
  sentAt: number;
  at: number;
  status: number;
  version: string | undefined;
  /** The canary revision the router stood the stable one in for (x-quikship-shielded-from). */
  shieldedFrom: string | null;
}

/** Loads still running, stopped after the tests (a failed test leaves its load running). */
const loads = new Set<{ stop(): Promise<Seen[]> }>();

/** `concurrency` loops requesting `url` until stopped: every answer's time, status and version. */
function load(url: string, concurrency = 4): { seen: Seen[]; stop(): Promise<Seen[]> } {
  const seen: Seen[] = [];
  let running = true;
  const loop = async (): Promise<void> => {
    while (running) {
      const sentAt = Date.now();
      try {
        const response = await fetch(url);
        const body = (await response.json()) as { version?: string };
        seen.push({
          sentAt,
          at: Date.now(),
          status: response.status,
          version: body.version,
          shieldedFrom: response.headers.get("x-quikship-shielded-from"),
        });
      } catch {
        seen.push({ sentAt, at: Date.now(), status: 0, version: undefined, shieldedFrom: null });
        // Nothing answers (the router is gone): no busy loop.
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  const traffic = {
    seen,
    stop: async () => {
      running = false;
      loads.delete(traffic);
      await Promise.all(loops);
      return seen;
    },
  };
  loads.add(traffic);
  return traffic;
}

const { dir, config, state } = platform();
let server: ServerProcess;
let api: Api;

async function waitFor(id: string, predicate: (run: RunView) => boolean, timeoutMs = 30_000): Promise<RunView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api.call<RunView>("GET", `/v1/runs/${id}`);
    if (predicate(body)) return body;
    if (Date.now() > until)
      throw new Error(`run ${id} did not get there: ${JSON.stringify(body.waitReason ?? body.status)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const rolloutOutput = (run: RunView, service: string): { strategy?: string; timeline?: { weight: number }[] } =>
  (run.stages.flatMap((s) => s.steps).find((s) => s.key === `rollout/${service}`)?.output ?? {}) as never;

describe("canary and blue-green on the local target, live", () => {
  before(async () => {
    server = await startLocal(config, state);
    api = new Api(server, state);
    // Three services, three locks: their first deploys run side by side.
    const runs = await Promise.all(
      ["api", "web", "slow"].map((service) => api.submit("deploy", [service], { tag: "v1.0.0" })),
    );
    for (const { id } of runs) {
      const run = await api.finished(id);
      assert.equal(run.status, "succeeded", JSON.stringify(run.error));
    }
  });
  after(async () => {
    await Promise.all([...loads].map((l) => l.stop()));
    server.child.kill("SIGTERM");
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes a healthy canary through every step to 100% with no failed request", async () => {
    const traffic = load(`${server.routers.dev}/api/`);
    const run = await api.finished((await api.submit("deploy", ["api"], { tag: "v1.1.0" })).id);
    const seen = await traffic.stop();
    assert.equal(run.status, "succeeded", JSON.stringify(run.error));
    const output = rolloutOutput(run, "api");
    assert.equal(output.strategy, "canary");
    assert.deepEqual(
      output.timeline?.map((t) => t.weight),
      [20, 50, 100],
    );
    assert.deepEqual([...new Set(seen.map((s) => s.status))], [200]);
    assert.deepEqual(new Set(seen.map((s) => s.version)), new Set(["v1.0.0", "v1.1.0"]));
    const last = (await fetch(`${server.routers.dev}/api/`).then((r) => r.json())) as { version: string };
    assert.equal(last.version, "v1.1.0");
  });

  it("aborts a -bad canary by itself and puts all traffic back on the stable revision", async () => {
    const traffic = load(`${server.routers.dev}/api/`);
    const submitted = Date.now();
    const run = await api.finished((await api.submit("deploy", ["api"], { tag: "v1.2.0-bad" })).id);
    const ended = Date.now();
    // Keep the load on a little after the run ended: nothing may reach the bad version any more.
    await new Promise((r) => setTimeout(r, 300));
    const seen = await traffic.stop();
    assert.equal(run.status, "failed");
    assert.match(
      run.error?.message ?? "",
      /canary of api revision \d+ \(v1\.2\.0-bad\) in dev aborted: .*error rate above the critical 1%.*; all traffic back on revision \d+/,
    );
    const bad = seen.filter((s) => s.version === "v1.2.0-bad");
    const failed = seen.filter((s) => s.status !== 200);
    assert.ok(bad.length > 0, "the canary served some requests");
    const lastBad = Math.max(...bad.map((s) => s.at));
    assert.ok(lastBad - submitted < ended - submitted + 50, "no request reached the canary after the run ended");
    assert.ok(
      seen.filter((s) => s.at > ended).every((s) => s.version === "v1.1.0" && s.status === 200),
      "after the abort, only the stable revision answers",
    );
    // The canary's failed reads were answered by the stable revision: no client saw one.
    assert.deepEqual(failed, []);
  });

  it("switches a blue-green deploy at once, and a rollback right after switches back within a second without a failed request", async () => {
    const traffic = load(`${server.routers.dev}/web/`);
    const deployed = await api.finished((await api.submit("deploy", ["web"], { tag: "v2.0.0" })).id);
    assert.equal(deployed.status, "succeeded", JSON.stringify(deployed.error));
    assert.equal(rolloutOutput(deployed, "web").strategy, "blue-green");
    const before = traffic.seen.length;
    const asked = Date.now();
    const rollback = await api.submit("rollback", ["web"]);
    // The previous revision still runs as standby: the switch back is instant.
    let backAt = 0;
    while (Date.now() - asked < 5000 && !backAt) {
      const after = traffic.seen.slice(before).filter((s) => s.at > asked);
      const firstOld = after.findIndex((s) => s.version === "v1.0.0");
      if (firstOld >= 0 && after.slice(firstOld).every((s) => s.version === "v1.0.0")) backAt = after[firstOld]!.at;
      await new Promise((r) => setTimeout(r, 10));
    }
    const rolledBack = await api.finished(rollback.id);
    const seen = await traffic.stop();
    assert.equal(rolledBack.status, "succeeded", JSON.stringify(rolledBack.error));
    assert.ok(backAt > 0 && backAt - asked < 1000, `switched back after ${backAt - asked} ms`);
    assert.deepEqual([...new Set(seen.map((s) => s.status))], [200]);
    // At the switch the answers change version once, from v1 to v2: never both at a time. (During
    // post-switch analysis a read the new revision is slow to answer is answered by the standby,
    // and says so.)
    const deployment = seen.slice(0, before);
    const switchedAt = Math.min(...deployment.filter((s) => s.version === "v2.0.0").map((s) => s.sentAt));
    assert.ok(Number.isFinite(switchedAt));
    const afterSwitch = deployment.filter((s) => s.sentAt > switchedAt + 20);
    assert.ok(afterSwitch.length > 0);
    assert.deepEqual(
      afterSwitch.filter((s) => s.version !== "v2.0.0" && s.shieldedFrom === null),
      [],
      "after the switch only the new version answers",
    );
  });

  it("promote-step ends a long bake early; abort sends traffic back to stable at once", async () => {
    const traffic = load(`${server.routers.dev}/slow/`, 2);
    const first = await api.submit("deploy", ["slow"], { tag: "v1.1.0" });
    await waitFor(first.id, (r) => r.waitReason?.kind === "analysis" && r.waitReason.phase === "baking");
    const cli = (...args: string[]) => runCli({ server: server.url, state, configHome: dir }, args);
    const stepped = await cli("promote-step", first.id, "--comment", "looks good");
    assert.equal(stepped.code, 0, stepped.stderr);
    assert.equal((await api.finished(first.id)).status, "succeeded");

    const second = await api.submit("deploy", ["slow"], { tag: "v1.2.0" });
    await waitFor(second.id, (r) => r.waitReason?.kind === "analysis" && r.waitReason.phase === "baking");
    // Between its polls the run waits on the bake; during one (a few ms, longer on a busy machine) it is "running now".
    let explained = await cli("explain", second.id);
    for (let tries = 0; tries < 20 && /running now/.test(explained.stdout); tries++) {
      await new Promise((r) => setTimeout(r, 50));
      explained = await cli("explain", second.id);
    }
    assert.match(explained.stdout, /canary slow revision \d+ at 10% \(step 1 of 2\)/);
    const aborted = await cli("abort", second.id, "--comment", "wrong build");
    assert.equal(aborted.code, 0, aborted.stderr);
    const run = await api.finished(second.id);
    assert.equal(run.status, "failed");
    assert.match(run.error?.message ?? "", /aborted: aborted by admin: wrong build; all traffic back on revision/);
    const at = Date.now();
    await new Promise((r) => setTimeout(r, 300));
    const seen = await traffic.stop();
    assert.ok(seen.filter((s) => s.at > at).every((s) => s.version === "v1.1.0"));
    const nothing = await cli("promote-step", second.id);
    assert.equal(nothing.code, 1);
    assert.match(nothing.stderr, /not in a canary step/);
  });
});
