/**
 * The attacker with write access to the database and the state directory: they can delete,
 * edit and insert rows, recompute every hash, and cut or rewrite the checkpoint sink in the state
 * directory; they cannot sign, because the audit key is kept elsewhere.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, beforeEach, it } from "node:test";
import { auditKeyFromPem } from "../../src/audit/anchor.js";
import type { AuditKey } from "../../src/audit/anchor.js";
import { entryHash, recordAudit, verifyAudit } from "../../src/audit/index.js";
import type { AuditRecord } from "../../src/audit/index.js";
import { loadAuditKey, writeNewAuditKey } from "../../src/audit/key-source.js";
import { CheckpointSink } from "../../src/audit/sink.js";
import type { AnchoredVerification } from "../../src/audit/verify.js";
import { InputError } from "../../src/errors.js";
import { auditPage } from "../../src/store/audit/page.js";
import type { Db } from "../../src/store/db.js";
import { toJson } from "../../src/store/json.js";
import { forEachDatabase } from "../support/databases.js";
import { recordOf } from "../../src/audit/entry.js";

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
const MINUTE = 60_000;
after(() => rmSync(keys, { recursive: true, force: true }));

const keys = mkdtempSync(join(tmpdir(), "quikship-audit-key-"));
function newKey(name: string): AuditKey {
  const path = join(keys, name);
  writeNewAuditKey(path);
  return auditKeyFromPem(readFileSync(path, "utf8"), path);
}
const key = newKey("audit.pem");

function failure(result: AnchoredVerification): { seq: number; problem: string; message: string } {
  if (result.ok) assert.fail(`expected a failed verification, got ${JSON.stringify(result)}`);
  return result.firstBad;
}

forEachDatabase("the anchored audit log", (t) => {
  let db: Db;
  let state: string;
  let sink: CheckpointSink;
  const verify = () => verifyAudit(t.db, { anchor: { key, sinkPath: sink.path } });

  beforeEach(async () => {
    await t.db.kysely.deleteFrom("audit").execute();
    await t.db.kysely.deleteFrom("audit_checkpoints").execute();
    db = { ...t.db, auditSigner: key };
    state = mkdtempSync(join(keys, "state-"));
    sink = new CheckpointSink(join(state, "audit-checkpoints.jsonl"));
    for (let i = 1; i <= 6; i++) {
      const data = { environment: "dev", n: i };
      await recordAudit(db, { actor: "alice", action: "run.submit", subject: `run-${i}`, data }, T0 + i * MINUTE);
    }
    assert.equal(await sink.flush(t.db.kysely), 6);
  });

  /** Everything as the attacker sees it: rows they may rewrite. */
  async function entries(): Promise<AuditRecord[]> {
    return (await auditPage(t.db.kysely, 0, 100)).map(recordOf);
  }

  /** Rewrites entry `from` on with new data, every later hash recomputed, as the attacker can. */
  async function rewriteFrom(from: number, data: { [key: string]: string }): Promise<void> {
    const all = await entries();
    let prevHash = all[from - 2]?.hash ?? "0".repeat(64);
    for (const record of all.slice(from - 1)) {
      const changed = { ...record, data: record.seq === from ? data : record.data };
      const hash = entryHash(prevHash, changed);
      await t.db.kysely
        .updateTable("audit")
        .set({ data: toJson(changed.data), prev_hash: prevHash, hash })
        .where("seq", "=", record.seq)
        .execute();
      prevHash = hash;
    }
  }

  it("signs a checkpoint with every entry, copies them to the sink, and verifies the log as proven up to the last", async () => {
    const result = await verify();
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.anchor.state, "on");
    if (result.anchor.state !== "on") return;
    assert.deepEqual([result.anchor.checkpoints, result.anchor.last?.seq], [6, 6]);
    assert.match(result.anchor.message, /entries 1–6 are as they were .* proves nothing about entries after it/);
    assert.equal(readFileSync(sink.path, "utf8").trim().split("\n").length, 6);
  });

  it("finds a tail cut from the database, its checkpoints with it, by the checkpoints the sink kept", async () => {
    await t.db.kysely.deleteFrom("audit").where("seq", ">", 4).execute();
    await t.db.kysely.deleteFrom("audit_checkpoints").where("seq", ">", 4).execute();
    const bad = failure(await verify());
    assert.equal(bad.problem, "removed");
    assert.equal(bad.seq, 5);
    assert.match(
      bad.message,
      /entries 5–6 were removed from the end: the log ends at entry 4, but entry 6 was checkpointed/,
    );
  });

  it("finds a forged entry appended with a correct hash: no checkpoint covers it", async () => {
    const last = (await entries()).at(-1)!;
    const forged = {
      seq: 7,
      at: last.at + MINUTE,
      actor: "alice",
      action: "token.create",
      subject: "t-evil",
      data: {},
    };
    const hash = entryHash(last.hash, forged);
    await t.db.kysely
      .insertInto("audit")
      .values({ ...forged, data: toJson(forged.data), prev_hash: last.hash, hash })
      .execute();
    const bad = failure(await verify());
    assert.deepEqual([bad.seq, bad.problem], [7, "inserted"]);
    assert.match(
      bad.message,
      /entries 7–7 are not covered by a signed checkpoint \(the last checkpoint is of entry 6\)/,
    );
  });

  it("finds a rewrite with every later hash recomputed, where the checkpoints were left in place", async () => {
    await rewriteFrom(3, { environment: "dev", n: "nothing to see" });
    const bad = failure(await verify());
    assert.deepEqual([bad.seq, bad.problem], [3, "altered"]);
    assert.match(bad.message, /^entry 3 \(run\.submit by alice at .*\) was rewritten: its hash is not the one signed/);
  });

  it("finds a rewrite whose attacker also deleted the checkpoints from the database and cut the sink in the state directory", async () => {
    await rewriteFrom(3, { environment: "dev", n: "nothing to see" });
    await t.db.kysely.deleteFrom("audit_checkpoints").where("seq", ">=", 3).execute();
    const lines = readFileSync(sink.path, "utf8").split("\n");
    writeFileSync(sink.path, `${lines.slice(0, 2).join("\n")}\n`);
    const bad = failure(await verify());
    assert.deepEqual([bad.seq, bad.problem], [3, "inserted"]);
    assert.match(
      bad.message,
      /entries 3–6 are not covered by a signed checkpoint \(the last checkpoint is of entry 2\)/,
    );
  });

  it("refuses checkpoints the attacker signed with a key of their own, or whose signature they edited", async () => {
    const own = newKey(`attacker-${t.dialect}.pem`);
    await rewriteFrom(5, { environment: "dev", n: "rewritten" });
    const rewritten = (await entries()).filter((e) => e.seq >= 5);
    await t.db.kysely.deleteFrom("audit_checkpoints").where("seq", ">=", 5).execute();
    for (const e of rewritten)
      await t.db.kysely
        .insertInto("audit_checkpoints")
        .values(own.checkpoint(e.seq, e.hash, e.at))
        .execute();
    const bad = failure(await verify());
    assert.equal(bad.problem, "forged");
    assert.match(bad.message, /checkpoint of entry 5 in the database is forged: it names key [0-9a-f]{16}, not /);

    const real = key.checkpoint(5, rewritten[0]!.hash, rewritten[0]!.at);
    await t.db.kysely.deleteFrom("audit_checkpoints").where("seq", ">=", 5).execute();
    await t.db.kysely
      .insertInto("audit_checkpoints")
      .values({ ...real, hash: "f".repeat(64) })
      .execute();
    assert.match(
      failure(await verify()).message,
      /checkpoint of entry 5 in the database is forged: its signature does not verify/,
    );
  });

  it("refuses an audit key file inside the state directory, or readable by others", () => {
    mkdirSync(join(state, "keys"));
    const inside = join(state, "keys", "audit.pem");
    writeNewAuditKey(inside);
    assert.throws(
      () => loadAuditKey({ file: inside, env: {}, stateDir: state }),
      (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.match(e.message, /is inside the state directory/);
        return true;
      },
    );
    const open = join(keys, `open-${t.dialect}.pem`);
    writeFileSync(open, readFileSync(inside, "utf8"), { mode: 0o644 });
    assert.throws(() => loadAuditKey({ file: open, env: {}, stateDir: state }), /readable by others; make it private/);
    assert.equal(
      loadAuditKey({ env: { QUIKSHIP_AUDIT_KEY: readFileSync(inside, "utf8") }, stateDir: state })?.keyId.length,
      16,
    );
  });
});
