import assert from "node:assert/strict";
import { it } from "node:test";
import type { ServiceBuild } from "../../src/manifests/built.js";
import {
  copyRevisionRendering,
  keepRevisionRendering,
  revisionRendering,
} from "../../src/store/revisions/rendering.js";
import { revisionDetail, updateRevisionDetail } from "../../src/store/revisions/detail.js";
import { recordRevisionTest, revisionTests } from "../../src/store/revisions/tests.js";
import { createRevision } from "../../src/store/revisions/write.js";
import { forEachDatabase } from "../support/databases.js";

const rendering = (tag: string): ServiceBuild => ({
  environment: "live",
  service: "auth",
  tag,
  files: [{ path: "overlays/live/auth/kustomization.yaml", content: `images: [{newTag: ${tag}}]\n` }],
  objects: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "auth-config" }, data: { A: "ü ✓" } }],
});

forEachDatabase("a revision's stored rendering", (t) => {
  it("keeps the first rendering stored, beside the revision's test outcomes, and a rollback's revision gets a copy", async () => {
    const revision = (tag: string, runId: string): Promise<number> =>
      t.db.transaction(async (tx) => {
        const row = await createRevision(tx, {
          environment: "live",
          service: "auth",
          tag,
          replicas: 2,
          runId,
          detail: { cause: "deploy" },
          now: 1,
        });
        return row.number;
      });
    const one = await revision("v1", "r1");
    const key = { environment: "live", service: "auth", number: one };
    assert.equal(await revisionRendering(t.db.kysely, key), undefined);
    await t.db.transaction((tx) => keepRevisionRendering(tx, key, rendering("v1")));
    await t.db.transaction((tx) => recordRevisionTest(tx, key, "smoke", { passed: true } as never));
    const kept = await t.db.transaction((tx) => keepRevisionRendering(tx, key, rendering("v1-other")));
    assert.deepEqual(kept, rendering("v1"));
    assert.deepEqual(await revisionRendering(t.db.kysely, key), rendering("v1"));
    const two = await revision("v1", "r2");
    const copied = await t.db.transaction((tx) =>
      copyRevisionRendering(tx, key, { environment: "live", service: "auth", number: two }),
    );
    assert.equal(copied, true);
    assert.deepEqual(await revisionRendering(t.db.kysely, { ...key, number: two }), rendering("v1"));
    assert.equal(
      await t.db.transaction((tx) => keepRevisionRendering(tx, { ...key, number: 99 }, rendering("v9"))),
      undefined,
    );
  });

  it("changes one part of a revision's detail and keeps the others, even with writers side by side", async () => {
    const row = await t.db.transaction((tx) =>
      createRevision(tx, {
        environment: "qa",
        service: "auth",
        tag: "v2",
        replicas: 1,
        runId: "r3",
        detail: { cause: "deploy", actor: "dana" },
        now: 1,
      }),
    );
    const key = { environment: "qa", service: "auth", number: row.number };
    // Ten test outcomes and a rendering written at once, outside any transaction: each write
    // lands on the detail it read, or is made again on what the other wrote.
    const names = Array.from({ length: 10 }, (_, i) => `test-${i}`);
    await Promise.all([
      ...names.map((name) => recordRevisionTest(t.db.kysely, key, name, { passed: true } as never)),
      keepRevisionRendering(t.db.kysely, key, rendering("v2")),
    ]);
    const detail = await revisionDetail(t.db.kysely, key);
    assert.equal(detail?.cause, "deploy");
    assert.equal(detail?.actor, "dana");
    assert.deepEqual(Object.keys(revisionTests(detail)).sort(), names);
    assert.deepEqual(await revisionRendering(t.db.kysely, key), rendering("v2"));
    const unchanged = await updateRevisionDetail(t.db.kysely, key, () => undefined);
    assert.deepEqual(unchanged, detail);
    assert.equal(await updateRevisionDetail(t.db.kysely, { ...key, number: 99 }, (d) => d), undefined);
  });

  it("keeps a rendering given the detail as read before another write, and that write with it", async () => {
    const row = await t.db.transaction((tx) =>
      createRevision(tx, {
        environment: "qa",
        service: "auth",
        tag: "v3",
        replicas: 1,
        runId: "r4",
        detail: { cause: "deploy" },
        now: 1,
      }),
    );
    const key = { environment: "qa", service: "auth", number: row.number };
    await recordRevisionTest(t.db.kysely, key, "smoke", { passed: true } as never);
    // `seen` is the detail before the test outcome: the write does not land on it, and is made again.
    await keepRevisionRendering(t.db.kysely, key, rendering("v3"), row.detail);
    const detail = await revisionDetail(t.db.kysely, key);
    assert.deepEqual(Object.keys(revisionTests(detail)), ["smoke"]);
    assert.deepEqual(await revisionRendering(t.db.kysely, key), rendering("v3"));
  });
});
