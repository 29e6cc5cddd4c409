import assert from "node:assert/strict";
import { it } from "node:test";
import { MAX_PAYLOAD_BYTES, decodeChanges, encodeChanges } from "./change.js";
import type { Change } from "./change.js";

it("encodes a batch once per change, without resyncs, and reads it back", () => {
  const changes: Change[] = [
    { kind: "run", runId: "r1" },
    { kind: "ready" },
    { kind: "run", runId: "r1" },
    { kind: "resync" },
    { kind: "run", runId: "r2" },
  ];
  const payloads = encodeChanges("abc", changes);
  assert.deepEqual(payloads, ['{"from":"abc","changes":["run:r1","ready","run:r2"]}']);
  assert.deepEqual(decodeChanges(payloads[0]!), {
    from: "abc",
    changes: [{ kind: "run", runId: "r1" }, { kind: "ready" }, { kind: "run", runId: "r2" }],
  });
});

it("splits a batch too large for one notification, each payload under the limit, nothing lost", () => {
  const ids = Array.from({ length: 1000 }, (_, i) => `r${String(i).padStart(30, "0")}`);
  const payloads = encodeChanges(
    "abc",
    ids.map((runId): Change => ({ kind: "run", runId })),
  );
  assert.ok(payloads.length > 1);
  for (const payload of payloads) assert.ok(Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES);
  const back = payloads.flatMap((p) => decodeChanges(p)!.changes);
  assert.deepEqual(
    back.map((c) => ("runId" in c ? c.runId : c.kind)),
    ids,
  );
});

it("reads what another program or a newer server says on the channel as far as it can, never failing", () => {
  assert.equal(decodeChanges("not json"), undefined);
  assert.equal(decodeChanges("42"), undefined);
  assert.equal(decodeChanges('{"changes":[]}'), undefined);
  assert.deepEqual(decodeChanges('{"from":"x","changes":["run:","run:r7",3,"resync","rename:r1"]}'), {
    from: "x",
    changes: [{ kind: "run", runId: "r7" }],
  });
});

it("sends nothing for a batch that holds only a resync", () => {
  assert.deepEqual(encodeChanges("abc", [{ kind: "resync" }]), []);
});
