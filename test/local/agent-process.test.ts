import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { get } from "node:http";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { AgentClient } from "../../src/local/agent/client.js";
import { ensureAgent, stopAgent } from "../../src/local/agent/client.js";
import { isRunning } from "../../src/local/agent/proc.js";
import { readAgentFile } from "../../src/local/agent/state-file.js";
import { gone, killAll, spec, until, workspace } from "./agent-support.js";

const ws = workspace();
/** Every agent and instance pid seen, for the last-resort clean-up. */
const seen = new Set<number>();

const TSX = import.meta.resolve("tsx");
const CLIENT = new URL("../../src/local/agent/client.ts", import.meta.url).href;

function starter(stateDir: string): string {
  return `import { ensureAgent } from ${JSON.stringify(CLIENT)};
const client = await ensureAgent({ stateDir: ${JSON.stringify(stateDir)}, startIfMissing: true });
console.log(client.pid);
process.exit(0);`;
}

async function agent(): Promise<AgentClient> {
  const client = await ensureAgent({ stateDir: ws.state, startIfMissing: true });
  seen.add(client.pid);
  return client;
}

async function readyPids(client: AgentClient, replicas = 1): Promise<number[]> {
  const revision = await until(`${replicas} instance(s) ready`, async () => {
    const r = (await client.status("dev"))[0]?.revisions[0];
    return r?.ready === replicas && r;
  });
  const pids = revision.instances.map((i) => i.pid!);
  for (const pid of pids) seen.add(pid);
  return pids;
}

after(async () => {
  await stopAgent(ws.state).catch(() => undefined);
  killAll(seen);
  await gone([...seen]);
  rmSync(ws.dir, { recursive: true, force: true });
});

describe("the agent process", () => {
  let first: AgentClient;

  it("outlives the process that started it, and a later ensureAgent reuses it", async () => {
    await assert.rejects(ensureAgent({ stateDir: ws.state, startIfMissing: false }), /no agent runs/);
    // A short-lived server: starts the agent, then exits.
    const started = Number(
      execFileSync(process.execPath, ["--import", TSX, "--input-type=module", "-e", starter(ws.state)], {
        encoding: "utf8",
        timeout: 20_000,
      }).trim(),
    );
    seen.add(started);
    first = await agent();
    assert.equal(first.pid, started);
    assert.equal((await agent()).pid, started, "asking again changes nothing");
    assert.equal(statSync(join(ws.state, "agent.json")).mode & 0o777, 0o600);
    assert.equal((await first.health()).pid, started);
  });

  it("refuses requests without its token", async () => {
    assert.equal((await fetch(`${first.url}/v1/health`)).status, 401);
    const wrong = await fetch(`${first.url}/v1/status`, { headers: { authorization: "Bearer not-the-token" } });
    assert.equal(wrong.status, 401);
    assert.equal(((await wrong.json()) as { error: { kind: string } }).error.kind, "unauthenticated");
  });

  it("routes traffic through the environment's router to a ready instance", async () => {
    const router = await first.ensureRouter("dev");
    assert.deepEqual(await first.ensureRouter("dev"), router, "asking again changes nothing");
    await assert.rejects(
      first.ensureRouter("qa", router.port),
      (e: Error & { kind?: string }) => e.kind === "conflict" && /in use/.test(e.message),
    );
    await first.applyRevision(spec(ws.script));
    await readyPids(first);
    const byPath = (await (await fetch(`${router.url}/api/`)).json()) as { service: string; version: string };
    assert.deepEqual([byPath.service, byPath.version], ["api", "v1.0.0"]);
    // fetch may not set Host; node:http may.
    const byHost = await new Promise<number | undefined>((resolve, reject) =>
      get(`${router.url}/`, { headers: { host: "api.dev.localhost" } }, (res) => resolve(res.resume().statusCode)).on(
        "error",
        reject,
      ),
    );
    assert.equal(byHost, 200);
    const traffic = await first.traffic("dev", "api");
    assert.equal(traffic[0]?.revision, 1);
    assert.ok((traffic[0]?.requests ?? 0) >= 2);
    assert.match(await first.metrics(), /quikship_instance_restarts\{environment="dev",service="api",revision="1"\} 0/);
    assert.ok((await first.logs("dev", "api", { revision: 1 })).some((l) => /with key \*{8}/.test(l.text)));
    await assert.rejects(first.setWeights("dev", "api", { 7: 100 }), /has no revision 7/);

    const [before] = await readyPids(first);
    const restarted = await first.restart("dev", "api", 1, { key: "k1", wait: true });
    assert.equal(restarted.ready, 1);
    assert.notEqual(restarted.instances[0]?.pid, before);
    seen.add(restarted.instances[0]!.pid!);
    assert.deepEqual(
      await first.restart("dev", "api", 1, { key: "k1", wait: true }),
      restarted,
      "a repeated key restarts nothing",
    );
  });

  it("leaves its instances behind when killed with SIGKILL, and the next agent ends them before serving", async () => {
    const [instance] = await readyPids(first);
    process.kill(first.pid, "SIGKILL");
    await gone([first.pid]);
    assert.ok(isRunning(instance!), "the instance outlived its agent");
    const next = await agent();
    assert.notEqual(next.pid, first.pid);
    assert.ok(!isRunning(instance!), "the new agent ended the leftover before answering");
    assert.deepEqual(await next.status(), []);
  });

  it("stops with stopAgent, taking every instance with it and removing agent.json", async () => {
    const client = await agent();
    await client.ensureRouter("dev");
    await client.applyRevision(spec(ws.script, { replicas: 2 }));
    const pids = await readyPids(client, 2);
    const result = await stopAgent(ws.state);
    assert.equal(result.pid, client.pid);
    await gone([client.pid, ...pids], 1_000);
    assert.equal(readAgentFile(ws.state), undefined);
    assert.ok(!existsSync(join(ws.state, "agent.json")));
    assert.deepEqual(await stopAgent(ws.state), { pid: null, leftovers: [] }, "stopping again finds nothing");
  });

  it("stops every instance and exits on SIGTERM", async () => {
    const client = await agent();
    await client.applyRevision(spec(ws.script));
    const pids = await readyPids(client);
    process.kill(client.pid, "SIGTERM");
    await gone([client.pid, ...pids]);
    assert.ok(!existsSync(join(ws.state, "agent.json")));
    assert.match(readFileSync(join(ws.state, "agent.log"), "utf8"), /stopping \(SIGTERM\)/);
  });
});
