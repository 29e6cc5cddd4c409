import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { DateTime } from "luxon";
import type { EngineService } from "../../src/engine/service.js";
import { CountingTarget } from "../../src/targets/counting.js";
import { singleTarget } from "../../src/targets/registry.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import type { TestDatabase } from "../support/databases.js";
import { harness, settle, testPlatform } from "./support.js";
import type { Harness } from "./support.js";

after(removeTrees);

const LADDER = `version: 1
name: gates
stacks: { node: { port: 3000 } }
services: { api: { stack: node }, web: { stack: node } }
users: { alice: {}, rob: {}, rita: {}, cara: {}, tim: {} }
groups:
  Developers: { members: [alice] }
  Release Manager: { members: [rob, rita], emergencyOverride: true }
  CAB: { members: [cara, rob] }
  CTO: { members: [tim] }
environments:
  qa: { tier: nonprod }
  staging: { tier: preprod, from: qa, approvals: { groups: [Release Manager], timeout: 1h } }
  live:
    tier: prod
    from: staging
    allowSkipTests: false
    approvals: { groups: [CAB, Release Manager, CTO], policy: all }
    windows: { timezone: America/New_York, weekly: [{ days: [mon, tue, wed, thu], from: "09:00", to: "16:00" }, { days: [fri], from: "09:00", to: "12:00" }] }
    tests: [{ name: smoke, command: "echo smoke ok" }]
`;

// Saturday 2026-11-21 10:00 in New York: the live window is closed until Monday 09:00.
const SATURDAY = DateTime.fromISO("2026-11-21T10:00", { zone: "America/New_York" }).toMillis();

async function setUp(t: TestDatabase): Promise<Harness & { api: EngineService; target: CountingTarget }> {
  const target = new CountingTarget(join(mkdtempSync(join(tmpdir(), "quikship-gates-")), "effects.log"));
  const h = await harness(t, { targets: singleTarget(target), platform: testPlatform(LADDER) });
  h.clock.set(SATURDAY);
  const api = h.engine.api as EngineService;
  await api.submit({ kind: "deploy", environment: "qa", services: ["api", "web"], params: { tag: "v1.2.3" } }, "alice");
  await settle(h, 250, 8);
  return { ...h, api, target };
}

const groupsOf = (user: string): string[] =>
  ({ alice: ["Developers"], rob: ["Release Manager", "CAB"], rita: ["Release Manager"], cara: ["CAB"], tim: ["CTO"] })[
    user
  ] ?? [];
const approve = (api: EngineService, id: string, actor: string, group?: string) =>
  api.decide(id, { actor, groups: groupsOf(actor), decision: "approve", group });

forEachDatabase("promotions through gates", (t) => {
  it("waits for each rung's approvals, then for the production window, and deploys the same tag everywhere", async () => {
    const h = await setUp(t);
    const run = await h.api.submit(
      {
        kind: "promote",
        environment: "qa",
        services: ["api", "web"],
        params: { to: ["live", "staging"], tag: "v1.2.3" },
      },
      "alice",
    );
    await settle(h, 250, 4);
    let explained = await h.api.explain(run.id);
    assert.equal(explained.waiting?.kind, "approval");
    assert.match(explained.summary, /waits for approval of staging: waiting for one approval from Release Manager/);

    await assert.rejects(approve(h.api, run.id, "alice"), /alice requested this run and cannot approve it/);
    await approve(h.api, run.id, "rob");
    await settle(h, 250, 8);
    explained = await h.api.explain(run.id);
    assert.deepEqual(explained.waiting?.approvals?.waitingFor, ["CAB", "Release Manager", "CTO"]);
    assert.match(
      explained.summary,
      /waits for approval of live: waiting for approvals from CAB, Release Manager, CTO .*; then the deployment window of live: opens Mon 2026-11-23 09:00 America\/New_York \(2026-11-23T14:00:00Z\)$/,
    );
    await assert.rejects(approve(h.api, run.id, "alice"), /requested this run/);
    await approve(h.api, run.id, "cara");
    await approve(h.api, run.id, "rob", "Release Manager");
    await approve(h.api, run.id, "tim");
    await settle(h, 250, 4);
    explained = await h.api.explain(run.id);
    assert.equal(explained.waiting?.kind, "window");
    assert.equal(
      explained.summary,
      "waits for the deployment window of live: opens Mon 2026-11-23 09:00 America/New_York (2026-11-23T14:00:00Z)",
    );

    h.clock.set(DateTime.fromISO("2026-11-23T09:00", { zone: "America/New_York" }).toMillis());
    await settle(h, 250, 12);
    const done = await h.api.get(run.id);
    assert.equal(done.status, "succeeded", JSON.stringify(done.error));
    const started = h.target.effects().filter((e) => e.replicas > 0);
    assert.deepEqual(new Set(started.map((e) => e.tag)), new Set(["v1.2.3"]));
    assert.deepEqual(new Set(started.map((e) => e.environment)), new Set(["qa", "staging", "live"]));
  });

  it("refuses at submission a promotion of a tag the source does not run, naming what it runs", async () => {
    const h = await setUp(t);
    const before = (await h.api.list({})).length;
    await assert.rejects(
      h.api.submit(
        { kind: "promote", environment: "qa", services: ["api"], params: { to: ["staging"], tag: "v9.9.9" } },
        "alice",
      ),
      (error: Error & { kind?: string }) => {
        assert.equal(error.kind, "conflict");
        assert.match(
          error.message,
          /qa does not run v9\.9\.9 for every service to promote: api runs v1\.2\.3 \(revision 1\)/,
        );
        return true;
      },
    );
    assert.equal((await h.api.list({})).length, before, "no run was created");
  });

  it("fails the promotion at a rejection, with the reason, and at the approval timeout", async () => {
    const h = await setUp(t);
    const rejected = await h.api.submit(
      { kind: "promote", environment: "qa", services: ["api"], params: { to: ["staging"], tag: "v1.2.3" } },
      "alice",
    );
    await settle(h, 250, 2);
    await assert.rejects(
      h.api.decide(rejected.id, { actor: "rob", groups: ["Release Manager"], decision: "reject" }),
      /a rejection needs a comment/,
    );
    await h.api.decide(rejected.id, {
      actor: "rob",
      groups: ["Release Manager"],
      decision: "reject",
      comment: "wrong build",
    });
    await settle(h, 250, 2);
    assert.match(
      (await h.api.get(rejected.id)).error?.message ?? "",
      /staging rejected by rob \(Release Manager\): wrong build/,
    );

    const waiting = await h.api.submit(
      { kind: "promote", environment: "qa", services: ["web"], params: { to: ["staging"], tag: "v1.2.3" } },
      "alice",
    );
    await settle(h, 250, 2);
    h.clock.advance(3_600_000);
    await settle(h, 250, 2);
    const timedOut = await h.api.get(waiting.id);
    assert.equal(timedOut.status, "failed");
    assert.match(timedOut.error?.message ?? "", /approval for staging timed out after 60 minutes/);
  });

  it("lets only the allowed groups override the window, and refuses skipping tests where they must run", async () => {
    const h = await setUp(t);
    await assert.rejects(
      h.api.submit(
        {
          kind: "deploy",
          environment: "live",
          services: ["api"],
          params: { tag: "v1.2.3", emergency: { reason: "outage" } },
        },
        "cara",
      ),
      /cara may not override deployment windows; only members of Release Manager may/,
    );
    await assert.rejects(
      h.api.submit(
        {
          kind: "promote",
          environment: "qa",
          services: ["api"],
          params: { to: ["live"], tag: "v1.2.3", skipTests: true },
        },
        "alice",
      ),
      /--skip-tests is refused for live/,
    );
    const emergency = await h.api.submit(
      {
        kind: "deploy",
        environment: "live",
        services: ["api"],
        params: { tag: "v1.2.3", emergency: { reason: "outage" } },
      },
      "rob",
    );
    await settle(h, 250, 2);
    for (const who of ["cara", "rita", "tim"]) await approve(h.api, emergency.id, who);
    await settle(h, 250, 8);
    assert.equal((await h.api.get(emergency.id)).status, "succeeded", "deployed on a Saturday");
    const view = await h.api.get(emergency.id);
    const window = view.stages[0]?.steps.find((s) => s.kind === "window");
    assert.deepEqual(window?.output, { override: "outage", by: "rob" });
  });
});
