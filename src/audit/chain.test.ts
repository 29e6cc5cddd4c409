import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import { canonicalJson, digest, entryHash, GENESIS_HASH, verifyChain } from "./chain.js";
import type { Json } from "../engine/types.js";
import type { AuditRecord, AuditVerification } from "./entry.js";

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

/** A correctly chained log of n entries, one a minute. */
function chain(n: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const prevHash = records.at(-1)?.hash ?? GENESIS_HASH;
    const content = {
      seq,
      at: T0 + seq * 60_000,
      actor: seq % 2 ? "alice" : "bob",
      action: "run.submit",
      subject: `run-${seq}`,
      data: { environment: "qa" },
    };
    records.push({ ...content, prevHash, hash: entryHash(prevHash, content) });
  }
  return records;
}

/** Verifies records as the database would hold them, looking hashes up among them. */
function verify(records: AuditRecord[], known?: { seq: number; hash: string }): Promise<AuditVerification> {
  const sorted = [...records].sort((a, b) => a.seq - b.seq);
  return verifyChain(sorted, (hash) => sorted.find((r) => r.hash === hash), { known });
}

/** Recomputes an entry's hash after a change, as someone covering their tracks would. */
function rehashed(record: AuditRecord): AuditRecord {
  return { ...record, hash: entryHash(record.prevHash, record) };
}

function firstBad(result: AuditVerification): { seq: number; problem: string; message: string } {
  if (result.ok) assert.fail(`expected a failed verification, got ${JSON.stringify(result)}`);
  return result.firstBad;
}

describe("canonical JSON", () => {
  it("sorts object keys at every level and keeps array order", () => {
    assert.equal(canonicalJson({ b: 1, a: [{ d: null, c: "x" }, 2] }), '{"a":[{"c":"x","d":null},2],"b":1}');
  });

  it("gives the same text, and so the same hash, whatever order the keys came in", () => {
    const a = {
      seq: 1,
      at: T0,
      actor: "a",
      action: "x",
      subject: "s",
      data: { z: 1, y: { q: [1, { n: 2, m: 3 }], p: "é" } },
    };
    const b = {
      data: { y: { p: "é", q: [1, { m: 3, n: 2 }] }, z: 1 },
      subject: "s",
      action: "x",
      actor: "a",
      at: T0,
      seq: 1,
    };
    assert.equal(entryHash(GENESIS_HASH, a), entryHash(GENESIS_HASH, b));
    assert.equal(digest({ x: undefined, y: 1 }), digest({ y: 1 }));
  });

  it("chains the first entry to 64 zeros", () => {
    assert.equal(GENESIS_HASH, "0".repeat(64));
    assert.equal(chain(1)[0]!.prevHash, GENESIS_HASH);
  });
});

describe("verifying the chain", () => {
  it("passes an intact log and gives its last entry", async () => {
    const records = chain(5);
    assert.deepEqual(await verify(records), {
      ok: true,
      entries: 5,
      last: { seq: 5, at: records[4]!.at, hash: records[4]!.hash },
    });
    assert.deepEqual(await verify([]), { ok: true, entries: 0, last: null });
  });

  it("names an entry whose content was edited as altered, still counting every entry", async () => {
    const records = chain(5);
    records[2] = { ...records[2]!, actor: "mallory" };
    const result = await verify(records);
    assert.equal(result.entries, 5);
    assert.deepEqual(firstBad(result), {
      seq: 3,
      problem: "altered",
      message:
        "entry 3 (run.submit by mallory at 2026-01-05T10:03:00.000Z) was altered: its hash does not match its content",
    });
  });

  it("names the entry after a gap as removed", async () => {
    const records = chain(6).filter((r) => r.seq !== 3 && r.seq !== 4);
    assert.deepEqual(firstBad(await verify(records)), {
      seq: 5,
      problem: "removed",
      message: "entry 5 (run.submit by alice at 2026-01-05T10:05:00.000Z) follows entry 2: entries 3–4 were removed",
    });
    assert.match(
      firstBad(await verify(chain(3).slice(1))).message,
      /^entry 2 .* is the first entry: entry 1 was removed$/,
    );
  });

  it("sees a removal even when the later entries were renumbered to close the gap", async () => {
    const records = chain(5)
      .filter((r) => r.seq !== 3)
      .map((r) => (r.seq > 3 ? { ...r, seq: r.seq - 1 } : r));
    const bad = firstBad(await verify(records));
    assert.deepEqual([bad.seq, bad.problem], [3, "removed"]);
    assert.match(bad.message, /^entry 3 \(.*\) was written as entry 4: an entry before it was removed/);
  });

  it("names two entries that swapped places as reordered", async () => {
    const records = chain(5);
    const [second, third] = [records[1]!, records[2]!];
    records[1] = { ...third, seq: 2 };
    records[2] = { ...second, seq: 3 };
    const bad = firstBad(await verify(records));
    assert.deepEqual([bad.seq, bad.problem], [2, "reordered"]);
    assert.match(bad.message, /^entry 2 \(.*\) is out of order: it was written as entry 3$/);
  });

  it("names an intact entry chained after another entry than its predecessor as reordered", async () => {
    const records = chain(5);
    // Entry 4 re-written, with a correct hash, as if it had followed entry 2.
    records[3] = rehashed({ ...records[3]!, prevHash: records[1]!.hash });
    const bad = firstBad(await verify(records));
    assert.deepEqual([bad.seq, bad.problem], [4, "reordered"]);
    assert.match(bad.message, /is out of order: it was written after entry 2, not after entry 3$/);
  });

  it("names a well-formed entry chained to nothing in the log as inserted", async () => {
    const records = chain(4);
    records.push(
      rehashed({ ...records[3]!, seq: 5, at: records[3]!.at + 1, subject: "forged", prevHash: "f".repeat(64) }),
    );
    const bad = firstBad(await verify(records));
    assert.deepEqual([bad.seq, bad.problem], [5, "inserted"]);
    assert.match(bad.message, /does not follow entry 4: its prev_hash matches no entry/);
  });

  it("names an entry inserted in the middle, with the later entries renumbered, as inserted", async () => {
    const original = chain(4);
    const forged = rehashed({ ...original[1]!, seq: 3, subject: "forged", prevHash: original[1]!.hash });
    const records = [...original.slice(0, 2), forged, ...original.slice(2).map((r) => ({ ...r, seq: r.seq + 1 }))];
    const bad = firstBad(await verify(records));
    assert.deepEqual([bad.seq, bad.problem], [3, "inserted"]);
    assert.match(
      bad.message,
      /^entry 3 \(.*\) was inserted: entry 4 \(.*\) was written as entry 3, right after entry 2, and renumbered$/,
    );
  });

  it("refuses time going backwards even when every hash is right", async () => {
    const records = chain(3);
    records[2] = rehashed({ ...records[2]!, at: records[1]!.at - 1 });
    const bad = firstBad(await verify(records));
    assert.deepEqual([bad.seq, bad.problem], [3, "reordered"]);
    assert.match(bad.message, /is dated before entry 2/);
  });

  it("with a kept last entry, detects a log cut short or rewritten from there on", async () => {
    const records = chain(5);
    const kept = { seq: 5, hash: records[4]!.hash };
    assert.equal((await verify(records, kept)).ok, true);
    const cut = firstBad(await verify(records.slice(0, 3), kept));
    assert.deepEqual([cut.seq, cut.problem], [5, "removed"]);
    assert.match(cut.message, /^entry 5, whose hash was kept elsewhere, is missing: the log ends at entry 3 /);
    // Rewritten from entry 5 with every hash recomputed: consistent, but not what was kept.
    const rewritten = [...records.slice(0, 4), rehashed({ ...records[4]!, actor: "mallory" })];
    assert.deepEqual(firstBad(await verify(rewritten, kept)).problem, "altered");
  });
});

test("canonical JSON of a value nested 100,000 deep is written without exhausting the stack", () => {
  let value: Json = 1;
  for (let i = 0; i < 100_000; i++) value = i % 2 ? { b: value, a: i } : [value];
  const text = canonicalJson(value);
  assert.ok(text.startsWith('{"a":99999,"b":[{"a":99997,"b":[{'), text.slice(0, 40));
  assert.ok(text.includes(`{"a":1,"b":[1]}]}`) && text.endsWith("]}]}"), text.slice(-20));
  assert.equal(text.split("[").length - 1, 50_000);
});
