import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Cluster, environmentNames, sleep } from "./support.js";
import type { Node } from "./support.js";

const RUNS = 100;
/** Five runs in line for each environment's locks, the others side by side. */
const ENVIRONMENTS = environmentNames(20);

describe("a hundred runs on three servers, one killed and one stopped mid-way", () => {
  const cluster = new Cluster(ENVIRONMENTS);
  // Each effect takes 40 ms on the counting target, so a signal lands inside effects too.
  before(() => cluster.start(3, 40));
  after(() => cluster.stop());

  const succeeded = async (): Promise<number> =>
    (await cluster.db.kysely.selectFrom("runs").select("id").where("status", "=", "succeeded").execute()).length;

  async function until(count: number): Promise<void> {
    while ((await succeeded()) < count) await sleep(50);
  }

  /** A live server other than `spare` that holds runs now (waits for one), and the runs it holds. */
  async function busy(spare: Node[]): Promise<{ node: Node; held: string[] }> {
    const owners = new Map(
      (await cluster.db.kysely.selectFrom("servers").select(["id", "pid"]).execute()).map((s) => [s.pid, s.id]),
    );
    for (;;) {
      for (const node of cluster.nodes.filter((n) => !spare.includes(n) && n.server.child.exitCode === null)) {
        const owner = owners.get(node.server.child.pid!);
        const held = await cluster.db.kysely
          .selectFrom("runs")
          .select("id")
          .where("status", "=", "running")
          .where("lease_owner", "=", owner ?? "")
          .execute();
        if (held.length > 0) return { node, held: held.map((r) => r.id) };
      }
      const unfinished = await cluster.db.kysely
        .selectFrom("runs")
        .select("id")
        .where("status", "in", ["queued", "running", "waiting"])
        .execute();
      assert.ok(unfinished.length > 0, "runs were left for the server to hold");
      await sleep(10);
    }
  }

  it("finishes every run once, applies every effect once, and the dead servers ask the target for nothing", async (t) => {
    const started = Date.now();
    const [first] = cluster.nodes;
    const ids = await Promise.all(
      Array.from({ length: RUNS }, (_, i) =>
        cluster.deploy(cluster.nodes[i % 3]!, ENVIRONMENTS[i % ENVIRONMENTS.length]!, `v${i + 1}`),
      ),
    );
    await until(RUNS / 4);
    // The first server answers the test's requests to the end; of the two others, one is killed...
    const killed = await busy([first!]);
    killed.node.server.child.kill("SIGKILL");
    const killedAt = Date.now();
    await until(RUNS / 2);
    // ...and the other stopped while it holds runs.
    const stopped = await busy([first!, killed.node]);
    stopped.node.server.child.kill("SIGTERM");
    assert.equal(await stopped.node.server.exited, 0, "the stopped server exits cleanly");
    const stoppedAt = Date.now();
    t.diagnostic(`killed holding ${killed.held.length} runs, stopped holding ${stopped.held.length}`);

    const statuses = await cluster.settle(120_000);
    t.diagnostic(`${RUNS} runs in ${Date.now() - started} ms`);
    assert.deepEqual(
      ids.filter((id) => statuses.get(id) !== "succeeded"),
      [],
      "every run succeeded",
    );
    const finishes = await cluster.db.kysely
      .selectFrom("run_events")
      .select(["run_id", "data"])
      .where("type", "=", "run")
      .execute();
    const ends = finishes.filter((e) => (JSON.parse(e.data) as { status: string }).status === "succeeded");
    assert.deepEqual(ends.map((e) => e.run_id).sort(), [...ids].sort(), "each run finished once");

    const keys = cluster.effectKeys();
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    assert.deepEqual(twice, [], "no effect happened twice");
    for (const id of ids)
      for (const service of ["api", "web"])
        assert.ok(keys.includes(`${id}/rollout/${service}/start`), `${id} started ${service}`);

    const calls = cluster.calls();
    const of = (node: Node) => calls.filter((c) => c.pid === node.server.child.pid);
    assert.ok(of(killed.node).length > 0 && of(stopped.node).length > 0, "both had worked before");
    assert.deepEqual(
      of(killed.node).filter((c) => c.at > killedAt),
      [],
      "the killed server asked nothing after its death",
    );
    assert.deepEqual(
      of(stopped.node).filter((c) => c.at > stoppedAt),
      [],
      "the stopped server asked nothing after its exit",
    );
  });
});
