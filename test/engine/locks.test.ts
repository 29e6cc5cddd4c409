import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import type { EngineService } from "../../src/engine/service.js";
import type { RunRequestInput } from "../../src/engine/request.js";
import { lockHolders } from "../../src/store/locks/read.js";
import { CountingTarget } from "../../src/targets/counting.js";
import { singleTarget } from "../../src/targets/registry.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import type { TestDatabase } from "../support/databases.js";
import { harness, settle, testPlatform } from "./support.js";
import type { Harness } from "./support.js";

after(removeTrees);

// dev runs the latest (as QuikApp's dev does); qa and staging wait for a person.
const LADDER = `version: 1
name: locks
stacks: { node: { port: 3000 } }
services: { api: { stack: node }, web: { stack: node } }
users: { alice: {}, quinn: {}, rob: {} }
groups:
  Developers: { members: [alice] }
  QA Lead: { members: [quinn] }
  Release Manager: { members: [rob] }
environments:
  dev: { tier: nonprod, lock: runLatest }
  qa: { tier: nonprod, from: dev, approvals: { groups: [QA Lead] } }
  staging: { tier: preprod, from: qa, approvals: { groups: [Release Manager] } }
`;

type Setup = Harness & { api: EngineService };

async function setUp(t: TestDatabase): Promise<Setup> {
  const target = new CountingTarget(join(mkdtempSync(join(tmpdir(), "quikship-locks-")), "effects.log"));
  const h = await harness(t, { targets: singleTarget(target), platform: testPlatform(LADDER) });
  const api = h.engine.api as EngineService;
  await api.submit({ kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1" } }, "alice");
  await settle(h, 250, 8);
  return { ...h, api };
}

const submit = (h: Setup, request: RunRequestInput) => h.api.submit(request, "alice");

forEachDatabase("locks and supersession", (t) => {
  it("lets a deploy in dev go while a promotion from dev waits for QA Lead (the README tour's order)", async () => {
    const h = await setUp(t);
    const promotion = await submit(h, {
      kind: "promote",
      environment: "dev",
      services: ["api"],
      params: { to: ["qa", "staging"], tag: "v1" },
    });
    await settle(h, 250, 4);
    assert.equal((await h.api.get(promotion.id)).waitReason?.kind, "approval");
    const deploy = await submit(h, { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v2" } });
    await settle(h, 250, 8);
    assert.equal((await h.api.get(deploy.id)).status, "succeeded");
    const waiting = await h.api.get(promotion.id);
    assert.equal(waiting.status, "waiting", "the promotion is neither superseded nor cancelled");
    assert.equal(waiting.waitReason?.kind, "approval");
    assert.deepEqual(await lockHolders(h.db.kysely, "qa"), [], "a run waiting for approval holds no lock");
  });

  it("frees the locks of an environment a promotion is done with while it waits for the next one's approval", async () => {
    const h = await setUp(t);
    const promotion = await submit(h, {
      kind: "promote",
      environment: "dev",
      services: ["api"],
      params: { to: ["qa", "staging"], tag: "v1" },
    });
    await settle(h, 250, 4);
    await h.api.decide(promotion.id, { actor: "quinn", groups: ["QA Lead"], decision: "approve" });
    await settle(h, 250, 12);
    const explained = await h.api.explain(promotion.id);
    assert.match(explained.summary, /waits for approval of staging/);
    assert.deepEqual(await lockHolders(h.db.kysely, "qa"), []);
    const scale = await submit(h, { kind: "scale", environment: "qa", services: ["api"], params: { replicas: 2 } });
    await settle(h, 250, 8);
    assert.equal((await h.api.get(scale.id)).status, "succeeded", "qa is free although the promotion goes on");
  });

  it("supersedes in a runLatest environment only the older runs that would change the same thing", async () => {
    const h = await setUp(t);
    // A scale that waits behind a deploy holding the lock of api in dev.
    const holder = await submit(h, { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v2" } });
    await h.engine.worker.drain();
    const scale = await submit(h, { kind: "scale", environment: "dev", services: ["api"], params: { replicas: 2 } });
    const older = await submit(h, { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v3" } });
    const promotion = await submit(h, {
      kind: "promote",
      environment: "dev",
      services: ["api"],
      params: { to: ["qa"], tag: "v1" },
    });
    const both = await submit(h, {
      kind: "deploy",
      environment: "dev",
      services: ["api", "web"],
      params: { tag: "v3" },
    });
    const newest = await submit(h, { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v4" } });
    const status = async (id: string) => {
      const run = await h.api.get(id);
      return [run.status, run.supersededBy];
    };
    assert.deepEqual(await status(older.id), ["cancelled", both.id], "a train that moves api too makes it pointless");
    assert.notEqual((await status(scale.id))[0], "cancelled", "a scale is not a deploy");
    assert.notEqual((await status(promotion.id))[0], "cancelled", "a promotion from dev changes qa, not dev");
    assert.notEqual((await status(both.id))[0], "cancelled", "a deploy of api alone leaves web's move to do");
    await settle(h, 250, 40);
    for (const run of [holder, scale, both, newest]) assert.equal((await h.api.get(run.id)).status, "succeeded");
  });
});
