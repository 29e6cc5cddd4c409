import assert from "node:assert/strict";
import { beforeEach, it } from "node:test";
import { claimReadyRun } from "../../src/store/runs/claim.js";
import { toJson } from "../../src/store/json.js";
import { insertRunCommand } from "../../src/store/runs/commands.js";
import { findRun } from "../../src/store/runs/read.js";
import { holdsRun, parkHeldRun, releaseLeases, updateHeldRun, wakeWaitingRun } from "../../src/store/runs/update.js";
import {
  heartbeat,
  leasesByServer,
  listServers,
  markStopped,
  registerServer,
} from "../../src/store/servers/servers.js";
import { forEachDatabase } from "../support/databases.js";
import { queuedRun } from "../support/runs.js";

const T0 = 1_700_000_000_000;
const LEASE_MS = 3000;

forEachDatabase("leases and fencing tokens", (t) => {
  beforeEach(async () => {
    await t.db.kysely.deleteFrom("runs").execute();
    await t.db.kysely.deleteFrom("servers").execute();
  });

  const claim = (owner: string, now: number) =>
    claimReadyRun(t.db.kysely, t.dialect, { owner, now, leaseMs: LEASE_MS });

  it("moves the fencing token on with every claim, so an older claim of the same server matches nothing", async () => {
    await t.db.kysely.insertInto("runs").values(queuedRun("r1", T0)).execute();
    const first = await claim("server-a", T0);
    assert.equal(first?.lease_token, 1);
    // The lease expires (server-a was paused) and server-a's own loop claims the run again.
    const second = await claim("server-a", T0 + LEASE_MS);
    assert.equal(second?.lease_token, 2);
    const stale = { owner: "server-a", token: 1 };
    const fresh = { owner: "server-a", token: 2 };
    assert.equal(await updateHeldRun(t.db.kysely, "r1", stale, { updated_at: T0 + LEASE_MS + 1 }), false);
    assert.equal(await holdsRun(t.db.kysely, "r1", stale, T0 + LEASE_MS + 1), false);
    assert.equal(await holdsRun(t.db.kysely, "r1", fresh, T0 + LEASE_MS + 1), true);
    assert.equal(await updateHeldRun(t.db.kysely, "r1", fresh, { updated_at: T0 + LEASE_MS + 1 }), true);
  });

  it("holds a run only until its lease expires, and not once another server took it", async () => {
    await t.db.kysely.insertInto("runs").values(queuedRun("r2", T0)).execute();
    const mine = await claim("server-a", T0);
    const lease = { owner: "server-a", token: mine!.lease_token };
    assert.equal(await holdsRun(t.db.kysely, "r2", lease, T0 + LEASE_MS - 1), true);
    assert.equal(await holdsRun(t.db.kysely, "r2", lease, T0 + LEASE_MS), false, "expired: no effect, even unclaimed");
    const theirs = await claim("server-b", T0 + LEASE_MS);
    assert.equal(theirs?.lease_owner, "server-b");
    assert.equal(theirs?.lease_token, 2);
    assert.equal(await updateHeldRun(t.db.kysely, "r2", lease, { lease_expires_at: T0 + 10 * LEASE_MS }), false);
  });

  it("hands a stopping server's runs back at once", async () => {
    await t.db.kysely.insertInto("runs").values(queuedRun("r3", T0)).execute();
    await claim("server-a", T0);
    assert.equal(await claim("server-b", T0 + 1), undefined);
    await releaseLeases(t.db.kysely, "server-a", T0 + 2);
    assert.equal((await claim("server-b", T0 + 2))?.lease_owner, "server-b");
  });

  it("keeps a wake-up that arrives while the run executes, so the run looks again at once instead of at its timer", async () => {
    await t.db.kysely
      .insertInto("runs")
      .values([queuedRun("r6", T0), queuedRun("r7", T0 + 1)])
      .execute();
    const decided = await claim("server-a", T0);
    const commanded = await claim("server-a", T0 + 1);
    assert.deepEqual([decided?.id, commanded?.id], ["r6", "r7"]);
    // An approval for r6 and a command for r7 are recorded while their steps still execute...
    await wakeWaitingRun(t.db.kysely, "r6", T0 + 10);
    await insertRunCommand(t.db.kysely, {
      runId: "r7",
      command: "promote",
      actor: "bob",
      comment: undefined,
      at: T0 + 11,
    });
    // ...which read the decisions and commands before, and now park until a bake time an hour away.
    const hour = T0 + 3_600_000;
    for (const row of [decided!, commanded!]) {
      const lease = { owner: "server-a", token: row.lease_token };
      assert.equal(await parkHeldRun(t.db.kysely, row.id, lease, toJson({ kind: "timer" }), hour, T0 + 20), true);
    }
    assert.deepEqual(
      [(await findRun(t.db.kysely, "r6"))?.wake_at, (await findRun(t.db.kysely, "r7"))?.wake_at],
      [T0 + 10, T0 + 11],
    );
    assert.equal((await claim("server-b", T0 + 30))?.id, "r6", "the decision is looked at now, not in an hour");
    assert.equal((await claim("server-b", T0 + 30))?.id, "r7", "and so is the command");
  });

  it("never moves a due wake-up later, nor wakes a run that has finished", async () => {
    await t.db.kysely
      .insertInto("runs")
      .values([
        queuedRun("r8", T0, { status: "waiting", wake_at: T0 + 5 }),
        queuedRun("r9", T0, { status: "succeeded", finished_at: T0 }),
      ])
      .execute();
    await wakeWaitingRun(t.db.kysely, "r8", T0 + 50);
    await wakeWaitingRun(t.db.kysely, "r9", T0 + 50);
    assert.equal((await findRun(t.db.kysely, "r8"))?.wake_at, T0 + 5);
    assert.equal((await findRun(t.db.kysely, "r9"))?.wake_at, null);
  });

  it("records servers, their heartbeats and stops, and the runs each holds", async () => {
    const record = { host: "h", pid: 1, version: "1.0.0", schemaVersion: 13, leaseMs: LEASE_MS };
    await registerServer(t.db.kysely, { id: "server-a", ...record }, T0);
    await registerServer(t.db.kysely, { id: "server-b", ...record, pid: 2 }, T0);
    await heartbeat(t.db.kysely, "server-a", T0 + 1000);
    await markStopped(t.db.kysely, "server-b", T0 + 1500);
    await t.db.kysely
      .insertInto("runs")
      .values([queuedRun("r4", T0), queuedRun("r5", T0 + 1)])
      .execute();
    await claim("server-a", T0 + 1000);
    await claim("server-a", T0 + 1200);
    const servers = await listServers(t.db.kysely);
    assert.deepEqual(servers.map((s) => [s.id, s.heartbeat_at, s.stopped_at]).sort(), [
      ["server-a", T0 + 1000, null],
      ["server-b", T0 + 1500, T0 + 1500],
    ]);
    const leases = await leasesByServer(t.db.kysely, T0 + 1300);
    assert.deepEqual(leases.get("server-a"), { held: 2, nextExpiry: T0 + 1000 + LEASE_MS });
    assert.equal(leases.get("server-b"), undefined);
    // A restart on the same state directory keeps the row and clears the stop.
    await registerServer(t.db.kysely, { id: "server-b", ...record, pid: 3 }, T0 + 2000);
    const again = (await listServers(t.db.kysely)).find((s) => s.id === "server-b");
    assert.deepEqual([again?.pid, again?.stopped_at], [3, null]);
  });
});
