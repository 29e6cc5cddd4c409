import assert from "node:assert/strict";
import { beforeEach, it } from "node:test";
import { auditHash, canonicalJson, GENESIS_HASH, recordAudit } from "../../src/api/audit.js";
import { fromJson } from "../../src/store/json.js";
import type { JsonText } from "../../src/store/json.js";
import type { Json } from "../../src/engine/types.js";
import { forEachDatabase } from "../support/databases.js";

forEachDatabase("recordAudit", (t) => {
  beforeEach(async () => {
    await t.db.kysely.deleteFrom("audit").execute();
  });

  it("numbers entries from 1 and chains each hash to the previous one", async () => {
    await recordAudit(t.db, { actor: "ana", action: "run.submit", subject: "run-1", data: { environment: "qa", services: ["web"] } }, 1000);
    await recordAudit(t.db, { actor: "bo", action: "run.cancel", subject: "run-1", data: { reason: null } }, 2000);
    const rows = await t.db.kysely.selectFrom("audit").selectAll().orderBy("seq").execute();
    assert.deepEqual(rows.map((r) => [r.seq, r.at, r.actor]), [[1, 1000, "ana"], [2, 2000, "bo"]]);
    assert.equal(rows[0]!.prev_hash, GENESIS_HASH);
    assert.equal(rows[1]!.prev_hash, rows[0]!.hash);
    // The chain can be recomputed from what the database gives back, on either dialect.
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const data = fromJson(r.data as JsonText<{ [key: string]: Json }>);
      assert.equal(r.hash, auditHash(prev, { seq: r.seq, at: r.at, actor: r.actor, action: r.action, subject: r.subject, data }));
      prev = r.hash;
    }
  });

  it("keeps the sequence gapless when writers append at once", async () => {
    const other = await t.open(t.url);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => recordAudit(i % 2 ? other : t.db, { actor: `u${i}`, action: "test", subject: String(i), data: {} }, i)),
    );
    const rows = await t.db.kysely.selectFrom("audit").select(["seq", "prev_hash", "hash"]).orderBy("seq").execute();
    assert.deepEqual(rows.map((r) => r.seq), Array.from({ length: 20 }, (_, i) => i + 1));
    rows.slice(1).forEach((r, i) => assert.equal(r.prev_hash, rows[i]!.hash));
  });
});

it("writes canonical JSON with keys sorted at every level", () => {
  assert.equal(canonicalJson({ b: 1, a: [{ d: null, c: "x" }] }), '{"a":[{"c":"x","d":null}],"b":1}');
});
