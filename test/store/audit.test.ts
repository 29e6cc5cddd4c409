import assert from "node:assert/strict";
import { beforeEach, it } from "node:test";
import { sql } from "kysely";
import { appendAudit, GENESIS_HASH, recordAudit, verifyAudit } from "../../src/audit/index.js";
import { ANCHOR_OFF } from "../../src/audit/checkpoint-check.js";
import type { AuditVerification } from "../../src/audit/index.js";
import { insertAuditEntry } from "../../src/store/audit/insert.js";
import { listAudit } from "../../src/store/audit/list.js";
import type { Db } from "../../src/store/db.js";
import { forEachDatabase } from "../support/databases.js";

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
const MINUTE = 60_000;

/** Five entries a minute apart, with data whose keys jsonb gives back in another order. */
async function appendFive(db: Db): Promise<void> {
  const actors = ["alice", "bob", "alice", "carol", "bob"];
  for (const [i, actor] of actors.entries()) {
    const data = { services: ["web", "api"], environment: i % 2 ? "qa" : "dev", z: { long_key: 1, b: [true, null] } };
    await recordAudit(db, { actor, action: "run.submit", subject: `run-${i + 1}`, data }, T0 + i * MINUTE);
  }
}

function firstBad(result: AuditVerification): { seq: number; problem: string; message: string } {
  if (result.ok) assert.fail(`expected a failed verification, got ${JSON.stringify(result)}`);
  return result.firstBad;
}

forEachDatabase("the audit log", (t) => {
  beforeEach(async () => {
    await t.db.kysely.deleteFrom("audit").execute();
  });

  it("numbers entries from 1, chains each to the previous one, and verifies five of them", async () => {
    await appendFive(t.db);
    const rows = await t.db.kysely.selectFrom("audit").selectAll().orderBy("seq").execute();
    assert.deepEqual(
      rows.map((r) => r.seq),
      [1, 2, 3, 4, 5],
    );
    assert.equal(rows[0]!.prev_hash, GENESIS_HASH);
    rows.slice(1).forEach((r, i) => assert.equal(r.prev_hash, rows[i]!.hash));
    assert.deepEqual(await verifyAudit(t.db), {
      ok: true,
      entries: 5,
      last: { seq: 5, at: T0 + 4 * MINUTE, hash: rows[4]!.hash },
      anchor: ANCHOR_OFF,
    });
  });

  it("verifies an empty log", async () => {
    assert.deepEqual(await verifyAudit(t.db), { ok: true, entries: 0, last: null, anchor: ANCHOR_OFF });
  });

  it("names an entry whose data was edited in the database as altered", async () => {
    await appendFive(t.db);
    await sql`update audit set data = ${'{"environment":"live"}'} where seq = 3`.execute(t.db.kysely);
    const bad = firstBad(await verifyAudit(t.db));
    assert.deepEqual(bad, {
      seq: 3,
      problem: "altered",
      message:
        "entry 3 (run.submit by alice at 2026-01-05T10:02:00.000Z) was altered: its hash does not match its content",
    });
  });

  it("names the entry after a deleted one as removed", async () => {
    await appendFive(t.db);
    await sql`delete from audit where seq = 3`.execute(t.db.kysely);
    const result = await verifyAudit(t.db);
    assert.equal(result.entries, 4);
    assert.deepEqual([firstBad(result).seq, firstBad(result).problem], [4, "removed"]);
    assert.match(
      firstBad(result).message,
      /^entry 4 \(run\.submit by carol at .*\) follows entry 2: entry 3 was removed$/,
    );
  });

  it("names two entries whose seq values were swapped as reordered", async () => {
    await appendFive(t.db);
    await t.db.transaction(async (tx) => {
      await sql`update audit set seq = -1 where seq = 2`.execute(tx);
      await sql`update audit set seq = 2 where seq = 3`.execute(tx);
      await sql`update audit set seq = 3 where seq = -1`.execute(tx);
    });
    const bad = firstBad(await verifyAudit(t.db));
    assert.deepEqual([bad.seq, bad.problem], [2, "reordered"]);
    assert.match(bad.message, /^entry 2 \(run\.submit by alice at .*\) is out of order: it was written as entry 3$/);
  });

  it("keeps the chain intact when two connections append at once", async () => {
    const other = await t.open(t.url);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAudit(i % 2 ? other : t.db, { actor: `u${i}`, action: "test", subject: String(i), data: {} }, T0 + i),
      ),
    );
    const result = await verifyAudit(t.db);
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.entries, 20);
  });

  it("appends inside the caller's transaction, and not at all when it rolls back", async () => {
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await appendAudit(
          tx,
          t.db,
          { actor: "ana", action: "gate.approve", subject: "run-1", data: { environment: "qa" } },
          T0,
        );
        throw new Error("the decision failed");
      }),
      /the decision failed/,
    );
    const record = await t.db.transaction((tx) =>
      appendAudit(
        tx,
        t.db,
        { actor: "ana", action: "gate.approve", subject: "run-1", data: { environment: "qa" } },
        T0,
      ),
    );
    assert.deepEqual([record.seq, record.prevHash], [1, GENESIS_HASH]);
  });

  it("never dates an entry before the previous one, whatever the writer's clock says", async () => {
    await recordAudit(t.db, { actor: "a", action: "x", subject: "s", data: {} }, T0);
    const behind = await recordAudit(t.db, { actor: "b", action: "x", subject: "s", data: {} }, T0 - 5000);
    assert.equal(behind.at, T0);
    assert.equal((await verifyAudit(t.db)).ok, true);
  });

  it("refuses a second entry with the same seq, so that racing writers cannot fork the chain", async () => {
    const row = {
      seq: 1,
      at: T0,
      actor: "a",
      action: "x",
      subject: "s",
      data: "{}" as never,
      prev_hash: GENESIS_HASH,
      hash: "h",
    };
    assert.equal(await insertAuditEntry(t.db.kysely, row), "inserted");
    assert.equal(await insertAuditEntry(t.db.kysely, { ...row, hash: "other" }), "seq-taken");
  });

  it("lists the newest entries that match, oldest first, by time, action and environment", async () => {
    await appendFive(t.db);
    await recordAudit(t.db, { actor: "quikship", action: "env.freeze", subject: "qa", data: {} }, T0 + 10 * MINUTE);
    await recordAudit(
      t.db,
      { actor: "ci", action: "artifact.register", subject: "web:v2", data: { environments: ["qa", "live"] } },
      T0 + 11 * MINUTE,
    );
    const list = (filter: Parameters<typeof listAudit>[2]) =>
      listAudit(t.db.kysely, t.db.dialect, filter).then((rows) => rows.map((r) => r.seq));
    assert.deepEqual(await list({ limit: 3 }), [5, 6, 7]);
    assert.deepEqual(await list({ limit: 100, sinceMs: T0 + 3 * MINUTE }), [4, 5, 6, 7]);
    assert.deepEqual(await list({ limit: 100, action: "env.freeze" }), [6]);
    assert.deepEqual(await list({ limit: 100, environment: "qa" }), [2, 4, 6, 7]);
    assert.deepEqual(await list({ limit: 100, environment: "live" }), [7]);
    assert.deepEqual(await list({ limit: 100, environment: "dev", sinceMs: T0 + MINUTE }), [3, 5]);
  });
});
