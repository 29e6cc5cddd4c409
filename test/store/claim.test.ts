import assert from "node:assert/strict";
import { beforeEach, it } from "node:test";
import { claimReadyRun as claimRun } from "../../src/store/runs/claim.js";
import type { Db } from "../../src/store/db.js";
import type { RunRow } from "../../src/store/rows.js";
import { forEachDatabase } from "../support/databases.js";
import { queuedRun } from "../support/runs.js";

const T0 = 1_700_000_000_000;
const LEASE_MS = 30_000;

forEachDatabase("claimRun", (t) => {
  beforeEach(async () => {
    await t.db.kysely.deleteFrom("runs").execute();
  });

  it("claims the oldest queued run and leases it to the claimer", async () => {
    await t.db.kysely
      .insertInto("runs")
      .values([queuedRun("newer", T0 + 2), queuedRun("older", T0 + 1)])
      .execute();
    const claimed = await claimRun(t.db.kysely, t.dialect, { owner: "server-a", now: T0 + 10, leaseMs: LEASE_MS });
    assert.ok(claimed);
    assert.deepEqual(pick(claimed), {
      id: "older",
      status: "running",
      lease_owner: "server-a",
      lease_expires_at: T0 + 10 + LEASE_MS,
      started_at: T0 + 10,
      updated_at: T0 + 10,
    });
  });

  it("claims nothing while every run is finished, waiting for a later time or held by a live lease", async () => {
    await t.db.kysely
      .insertInto("runs")
      .values([
        queuedRun("done", T0, { status: "succeeded", finished_at: T0 }),
        queuedRun("waiting", T0, { status: "waiting", wake_at: T0 + 500 }),
        queuedRun("parked", T0, { status: "waiting", wake_at: null }),
        queuedRun("held", T0, { status: "running", lease_owner: "server-a", lease_expires_at: T0 + 100 }),
      ])
      .execute();
    assert.equal(
      await claimRun(t.db.kysely, t.dialect, { owner: "server-b", now: T0 + 99, leaseMs: LEASE_MS }),
      undefined,
    );
  });

  it("claims a waiting run once its wake-up time has come", async () => {
    // Only this test's run is unfinished.
    await t.db.kysely.updateTable("runs").set({ status: "succeeded" }).execute();
    await t.db.kysely
      .insertInto("runs")
      .values(queuedRun("timer", T0, { status: "waiting", wake_at: T0 + 600 }))
      .execute();
    assert.equal(
      await claimRun(t.db.kysely, t.dialect, { owner: "server-b", now: T0 + 599, leaseMs: LEASE_MS }),
      undefined,
    );
    const claimed = await claimRun(t.db.kysely, t.dialect, { owner: "server-b", now: T0 + 600, leaseMs: LEASE_MS });
    assert.deepEqual([claimed?.id, claimed?.status, claimed?.wake_at], ["timer", "running", null]);
  });

  it("takes over a running run whose server let the lease expire, keeping its start time", async () => {
    await t.db.kysely
      .insertInto("runs")
      .values(
        queuedRun("orphan", T0, { status: "running", started_at: T0, lease_owner: "dead", lease_expires_at: T0 + 100 }),
      )
      .execute();
    const claimed = await claimRun(t.db.kysely, t.dialect, { owner: "server-b", now: T0 + 100, leaseMs: LEASE_MS });
    assert.deepEqual(claimed && pick(claimed), {
      id: "orphan",
      status: "running",
      lease_owner: "server-b",
      lease_expires_at: T0 + 100 + LEASE_MS,
      started_at: T0,
      updated_at: T0 + 100,
    });
  });

  it("never gives the same run to two claimers racing on separate connections", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `run-${String(i).padStart(2, "0")}`);
    await t.db.kysely
      .insertInto("runs")
      .values(ids.map((id, i) => queuedRun(id, T0 + i)))
      .execute();
    const other = await t.open(t.url);
    const claimers = [t.db, other, t.db, other, t.db, other, t.db, other].map((db, i) =>
      drain(db, t.dialect, `server-${i}`),
    );
    const claimed = (await Promise.all(claimers)).flat();
    assert.deepEqual(claimed.map((r) => r.id).sort(), ids);
    const owners = await t.db.kysely.selectFrom("runs").select(["id", "lease_owner"]).orderBy("id").execute();
    assert.deepEqual(
      owners,
      claimed.map((r) => ({ id: r.id, lease_owner: r.lease_owner })).sort((a, b) => a.id.localeCompare(b.id)),
    );
  });
});

/** Claims until nothing is left, as a server's worker loop would. */
async function drain(db: Db, dialect: Db["dialect"], owner: string): Promise<RunRow[]> {
  const claimed: RunRow[] = [];
  for (;;) {
    const run = await claimRun(db.kysely, dialect, { owner, now: T0 + 1_000, leaseMs: LEASE_MS });
    if (run === undefined) return claimed;
    claimed.push(run);
  }
}

function pick(row: RunRow): Partial<RunRow> {
  const { id, status, lease_owner, lease_expires_at, started_at, updated_at } = row;
  return { id, status, lease_owner, lease_expires_at, started_at, updated_at };
}
