import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Cluster, sleep } from "./support.js";

interface Run {
  id: string;
  status: string;
  kind: string;
  actor: string;
  waitReason: { kind: string } | null;
}

describe("scheduled work on three servers sharing PostgreSQL", () => {
  const cluster = new Cluster();
  before(() => cluster.start(3, 20));
  after(() => cluster.stop());

  /** Polls until `find` returns something, or fails after `timeoutMs`. */
  async function until<T>(what: string, timeoutMs: number, find: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(25);
    }
  }

  it("a standby past its time is removed once, by a run that outlives the server that submitted it (SIGKILL)", async () => {
    const [a] = cluster.nodes;
    // Revision 1 of api in e1, replaced by revision 2.
    for (const tag of ["v1", "v2"]) await cluster.deploy(a!, "e1", tag);
    await cluster.settle(60_000);
    // A run holds api's lock in e1 for a few seconds, so the expiry waits behind it.
    const holder = await cluster.request<Run>(a!, "POST", "/v1/runs", {
      kind: "noop",
      environment: "e1",
      services: ["api"],
      params: { waitMs: 5000 },
    });
    await until("the lock held", 10_000, async () => {
      const run = await cluster.request<Run>(a!, "GET", `/v1/runs/${holder.id}`);
      return run.waitReason?.kind === "timer" ? run : undefined;
    });
    const since = Date.now();
    // What a blue-green switch leaves behind: revision 1 as standby, its time up now.
    await cluster.db.kysely
      .updateTable("revisions")
      .set({ status: "standby", standby_until: Date.now() })
      .where("environment", "=", "e1")
      .where("service", "=", "api")
      .where("number", "=", 1)
      .execute();
    const occurrence = await until("the standby's occurrence", 10_000, () =>
      cluster.db.kysely.selectFrom("schedule_occurrences").selectAll().executeTakeFirst(),
    );
    assert.match(occurrence.key, /^standby\/e1\/api\/r1\//);
    const submitter = await cluster.db.kysely
      .selectFrom("servers")
      .select("pid")
      .where("id", "=", occurrence.claimed_by)
      .executeTakeFirstOrThrow();
    const dead = cluster.nodes.find((n) => n.server.child.pid === submitter.pid)!;
    const alive = cluster.nodes.find((n) => n !== dead)!;
    const expiry = await until("the expiry waiting for the lock", 10_000, async () => {
      const run = await cluster.request<Run>(alive, "GET", `/v1/runs/${occurrence.run_id}`);
      return run.waitReason?.kind === "lock" ? run : undefined;
    });
    assert.deepEqual([expiry.kind, expiry.actor], ["expire-standby", "quikship"]);
    dead.server.child.kill("SIGKILL");
    await dead.server.exited;

    const statuses = await cluster.settle(60_000);
    assert.equal(statuses.get(expiry.id), "succeeded");
    const removals = cluster
      .calls()
      .filter((c) => c.op === "remove" && c.environment === "e1" && c.service === "api" && c.at >= since);
    assert.equal(removals.length, 1, "revision 1 removed once");
    assert.notEqual(removals[0]?.pid, submitter.pid, "by a server that lives");
    const done = await cluster.request<{ stages: { steps: { kind: string; output: unknown }[] }[] }>(
      alive,
      "GET",
      `/v1/runs/${expiry.id}`,
    );
    assert.deepEqual(done.stages[0]?.steps.at(-1)?.output, {
      revision: 1,
      removed: true,
      reason: "stopped: its standby time is up",
    });
    const revision = await cluster.db.kysely
      .selectFrom("revisions")
      .select("status")
      .where("environment", "=", "e1")
      .where("service", "=", "api")
      .where("number", "=", 1)
      .executeTakeFirstOrThrow();
    assert.equal(revision.status, "superseded");
    // The survivors kept looking every second: nothing more was submitted.
    await sleep(2000);
    const runs = await cluster.request<Run[]>(alive, "GET", "/v1/runs?kind=expire-standby");
    assert.deepEqual(
      runs.map((r) => r.id),
      [expiry.id],
    );
    const occurrences = await cluster.db.kysely.selectFrom("schedule_occurrences").select("key").execute();
    assert.equal(occurrences.length, 1);
  });
});
