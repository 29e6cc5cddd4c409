import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, it } from "node:test";
import { loadPlatform } from "../../src/config/load.js";
import { nextScheduledMs } from "../../src/engine/promoter.js";
import type { EngineService } from "../../src/engine/service.js";
import { listAudit } from "../../src/store/audit/list.js";
import type { Platform } from "../../src/config/types.js";
import { removeTrees, writeTree } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import type { TestDatabase } from "../support/databases.js";
import { fakeTargets } from "../support/fake-target.js";
import { harness, settle, START } from "./support.js";
import type { Harness } from "./support.js";

after(removeTrees);

const PLATFORM = `version: 1
name: promoter
stacks: { node: { port: 3000 } }
services: { api: { stack: node }, web: { stack: node } }
users: { alice: {}, quinn: {} }
groups: { QA Lead: { members: [quinn] } }
environments:
  dev: { tier: nonprod, tests: [{ name: smoke, command: '[ ! -f fail-dev ]' }] }
  qa: { tier: nonprod, from: dev, deployment: auto, approvals: { groups: [QA Lead] } }
  uat: { tier: preprod, from: qa, deployment: scheduled, schedule: { cron: "0 6 * * 1-5", timezone: Europe/London } }
`;

type Setup = Harness & { api: EngineService; dir: string; platform: Platform };

async function setUp(t: TestDatabase): Promise<Setup> {
  const dir = writeTree({ "quikship.yaml": PLATFORM });
  const loaded = loadPlatform(dir);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
  const h = await harness(t, { targets: fakeTargets({}), platform: loaded.platform });
  return { ...h, api: h.engine.api as EngineService, dir, platform: loaded.platform };
}

async function deployDev(h: Setup, tag: string, services = ["api", "web"]): Promise<void> {
  await h.api.submit({ kind: "deploy", environment: "dev", services, params: { tag } }, "alice");
  await settle(h, 250, 12);
}

const promotions = async (h: Setup) => (await h.api.list({ kind: "promote" })).reverse();

forEachDatabase("automatic and scheduled promotion", (t) => {
  it("promotes a release that passed dev's tests into qa by itself, once, waiting for QA Lead there", async () => {
    const h = await setUp(t);
    await deployDev(h, "v1");
    await h.engine.promoter.tick();
    await h.engine.promoter.tick();
    await settle(h, 250, 4);
    const [run, ...more] = await promotions(h);
    assert.equal(more.length, 0, "a second look starts nothing");
    assert.deepEqual(
      [run?.actor, run?.environment, run?.services, run?.request.params.to, run?.request.params.tag],
      ["quikship", "dev", ["api", "web"], ["qa"], "v1"],
    );
    assert.equal(run?.waitReason?.kind, "approval");
    assert.match(run?.waitReason?.message ?? "", /QA Lead/);
    const audit = (await listAudit(h.db.kysely, h.db.dialect, { action: "run.submit", limit: 50 })).filter(
      (e) => e.subject === run.id,
    );
    assert.equal(audit.length, 1);
    assert.match(JSON.stringify(audit), /deployment: auto \(v1 succeeded in dev with its tests passed, run r/);
  });

  it("does not hold the source while the promotion waits in qa: the next deploy to dev goes on at once", async () => {
    const h = await setUp(t);
    await deployDev(h, "v1", ["api"]);
    await h.engine.promoter.tick();
    await settle(h, 250, 4);
    const [waiting] = await promotions(h);
    assert.equal(waiting?.waitReason?.kind, "approval");
    const next = await h.api.submit(
      { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v2" } },
      "alice",
    );
    await settle(h, 250, 12);
    assert.equal((await h.api.get(next.id)).status, "succeeded");
  });

  it("does not promote a tag whose tests failed in dev", async () => {
    const h = await setUp(t);
    writeFileSync(join(h.dir, "fail-dev"), "");
    await deployDev(h, "v1", ["api"]);
    await h.engine.promoter.tick();
    assert.deepEqual(await promotions(h), []);
  });

  it("promotes what qa runs into uat at the scheduled time in the schedule's zone, once", async () => {
    const h = await setUp(t);
    await deployDev(h, "v1", ["api"]);
    await h.engine.promoter.tick();
    await settle(h, 250, 4);
    const [toQa] = await promotions(h);
    await h.api.decide(toQa!.id, { actor: "quinn", groups: ["QA Lead"], decision: "approve" });
    await settle(h, 250, 12);
    assert.equal((await h.api.get(toQa!.id)).status, "succeeded");
    await h.engine.promoter.tick();
    assert.equal((await promotions(h)).length, 1, "nothing before the time");
    // START is Monday 2026-11-16 15:00Z; the next time is Tuesday 06:00 in London (UTC in November).
    const next = nextScheduledMs(h.platform.environments.uat!, h.clock.now());
    assert.equal(new Date(next!).toISOString(), "2026-11-17T06:00:00.000Z");
    h.clock.set(next! + 500);
    await h.engine.promoter.tick();
    await h.engine.promoter.tick();
    const runs = await promotions(h);
    assert.equal(runs.length, 2);
    assert.deepEqual([runs[1]?.environment, runs[1]?.request.params.to, runs[1]?.services], ["qa", ["uat"], ["api"]]);
    await settle(h, 250, 12);
    assert.equal((await h.api.get(runs[1]!.id)).status, "succeeded");
    assert.ok(START < next!);
  });
});
