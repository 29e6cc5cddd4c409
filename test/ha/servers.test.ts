import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Cluster, ENVIRONMENTS } from "./support.js";

interface ServerInfo {
  id: string;
  state: string;
  self: boolean;
  pid: number;
  runsHeld: number;
}

describe("three servers on one PostgreSQL database", () => {
  const cluster = new Cluster();
  before(() => cluster.start(3, 20));
  after(() => cluster.stop());

  it("list each other with their identity and heartbeat", async () => {
    const [a, b] = cluster.nodes;
    const servers = await cluster.request<ServerInfo[]>(b!, "GET", "/v1/servers");
    assert.equal(servers.filter((s) => s.state === "alive").length, 3);
    assert.deepEqual(new Set(servers.map((s) => s.pid)), new Set(cluster.nodes.map((n) => n.server.child.pid)));
    assert.equal(servers.find((s) => s.self)?.pid, b!.server.child.pid);
    const anonymous = await fetch(`${a!.server.url}/v1/servers`);
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as { error: { kind: string } }).error.kind, "unauthenticated");
    const metrics = await (await fetch(`${a!.server.url}/metrics`)).text();
    assert.match(metrics, /quikship_servers\{state="alive"\} 3/);
  });

  it("share thirty runs: each executed by one server at a time, every one finished, every effect once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const node = cluster.nodes[i % 3]!;
      ids.push(await cluster.deploy(node, ENVIRONMENTS[i % ENVIRONMENTS.length]!, `v${i + 1}`));
    }
    const keys = await cluster.settleOnce(ids);
    for (const id of ids) assert.ok(keys.includes(`${id}/rollout/api/start`), `${id} started api`);
    const pids = new Set(cluster.calls().map((c) => c.pid));
    assert.equal(pids.size, 3, "all three servers executed runs");
    // One at a time: no two attempts of a run's steps overlap in time.
    const attempts = await cluster.db.kysely
      .selectFrom("step_attempts")
      .select(["run_id", "started_at", "finished_at"])
      .orderBy("run_id")
      .orderBy("started_at")
      .orderBy("id")
      .execute();
    for (let i = 1; i < attempts.length; i++) {
      const [previous, current] = [attempts[i - 1]!, attempts[i]!];
      if (previous.run_id !== current.run_id) continue;
      assert.ok(
        previous.finished_at !== null && previous.finished_at <= current.started_at,
        `${current.run_id} overlaps`,
      );
    }
    const finishes = await cluster.db.kysely
      .selectFrom("run_events")
      .select(["run_id", "data"])
      .where("type", "=", "run")
      .execute();
    const succeeded = finishes.filter((e) => (JSON.parse(e.data) as { status: string }).status === "succeeded");
    assert.equal(succeeded.length, ids.length, "each run finished once");
  });
});
