import assert from "node:assert/strict";
import { after, it } from "node:test";
import { DateTime } from "luxon";
import type { EngineService } from "../../src/engine/service.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import type { TestDatabase } from "../support/databases.js";
import { fakeTargets } from "../support/fake-target.js";
import { harness, settle, testPlatform } from "./support.js";
import type { Harness } from "./support.js";

after(removeTrees);

const LADDER = `version: 1
name: explain
stacks: { node: { port: 3000 } }
services: { api: { stack: node } }
users: { alice: {}, rob: {}, cara: {}, tim: {} }
groups:
  Developers: { members: [alice] }
  Release Manager: { members: [rob], emergencyOverride: true }
  CAB: { members: [cara] }
  CTO: { members: [tim] }
environments:
  qa: { tier: nonprod, tests: [{ name: smoke, command: "echo ok" }] }
  uat: { tier: preprod, from: qa, deployment: scheduled, schedule: { cron: "0 6 * * 1-5", timezone: Europe/London } }
  staging:
    tier: preprod
    from: qa
    approvals: { groups: [Release Manager] }
    windows: { timezone: Europe/London, weekly: [{ days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00" }] }
  live:
    tier: prod
    from: staging
    approvals: { groups: [CAB, Release Manager, CTO], policy: all }
    windows: { timezone: America/New_York, weekly: [{ days: [mon, tue, wed, thu], from: "09:00", to: "16:00" }] }
    tests: [{ name: smoke, kind: smoke, command: "echo ok" }, { name: load, kind: load, command: "echo ok", required: false }]
`;

// Saturday 2026-11-21 10:00 in New York: every window is closed until Monday.
const SATURDAY = DateTime.fromISO("2026-11-21T10:00", { zone: "America/New_York" }).toMillis();

async function setUp(t: TestDatabase): Promise<Harness & { api: EngineService; deployId: string }> {
  const h = await harness(t, { targets: fakeTargets({}), platform: testPlatform(LADDER) });
  h.clock.set(SATURDAY);
  const api = h.engine.api as EngineService;
  const deploy = await api.submit(
    { kind: "deploy", environment: "qa", services: ["api"], params: { tag: "v1" } },
    "alice",
  );
  await settle(h, 250, 8);
  return { ...h, api, deployId: deploy.id };
}

const promote = (params: Record<string, unknown>) => ({
  kind: "promote" as const,
  environment: "qa",
  services: ["api"],
  params: { to: ["staging", "live"], tag: "v1", ...params },
});

forEachDatabase("explain names every gate ahead", (t) => {
  it("lists every gate of every rung still ahead, in order, while the run waits at the first", async () => {
    const h = await setUp(t);
    const run = await h.api.submit(promote({}), "alice");
    await settle(h, 250, 4);
    const explained = await h.api.explain(run.id);
    assert.equal(explained.waiting?.kind, "approval");
    assert.deepEqual(
      explained.ahead.map((g) => [g.environment, g.kind, g.description]),
      [
        ["staging", "window", "opens Mon 2026-11-23 08:00 Europe/London (2026-11-23T08:00:00Z)"],
        ["live", "approval", "CAB, Release Manager, CTO (policy all)"],
        ["live", "window", "opens Mon 2026-11-23 09:00 America/New_York (2026-11-23T14:00:00Z)"],
        ["live", "test", "smoke (smoke, required)"],
        ["live", "test", "load (load, not required)"],
      ],
    );
    assert.match(
      explained.summary,
      /^waits for approval of staging: .*; then the deployment window of staging: opens Mon 2026-11-23 08:00 Europe\/London .*; then approval of live: CAB, Release Manager, CTO \(policy all\); then the deployment window of live: opens Mon 2026-11-23 09:00 America\/New_York \(2026-11-23T14:00:00Z\)$/,
    );
    assert.deepEqual(explained.overrides, []);
  });

  it("says which gates an emergency run overrides, and no longer talks of when the windows open", async () => {
    const h = await setUp(t);
    const run = await h.api.submit(promote({ emergency: { reason: "INC-42 payments down" } }), "rob");
    await settle(h, 250, 4);
    const explained = await h.api.explain(run.id);
    assert.equal(explained.waiting?.kind, "approval", "approvals still apply to an emergency run");
    assert.deepEqual(
      explained.overrides.map((o) => [o.environment, o.gate, o.reason]),
      [
        ["staging", "window", "INC-42 payments down"],
        ["live", "window", "INC-42 payments down"],
      ],
    );
    const windows = explained.ahead.filter((g) => g.kind === "window");
    assert.deepEqual(
      windows.map((g) => [g.environment, g.overriddenBy, g.opens]),
      [
        ["staging", "INC-42 payments down", null],
        ["live", "INC-42 payments down", null],
      ],
    );
    assert.doesNotMatch(explained.summary, /opens/);
    assert.deepEqual(explained.waiting?.upcomingWindows, []);
    assert.match(
      explained.summary,
      /emergency override \(INC-42 payments down\): the deployment windows of staging, live are not enforced; approvals and tests still apply$/,
    );
  });

  it("shows when a scheduled environment next takes what the run's environment runs", async () => {
    const h = await setUp(t);
    const explained = await h.api.explain(h.deployId);
    assert.equal(explained.status, "succeeded");
    assert.deepEqual(explained.ahead, []);
    // uat (scheduled from qa) is the only environment that takes qa's release by itself; staging is manual.
    assert.deepEqual(
      explained.then.map((p) => [p.environment, p.deployment, p.next?.local, p.next?.utc]),
      [["uat", "scheduled", "Mon 2026-11-23 06:00 Europe/London", "2026-11-23T06:00:00Z"]],
    );
    assert.match(
      explained.summary,
      /^succeeded; afterwards uat takes what qa runs at its next scheduled time, Mon 2026-11-23 06:00 Europe\/London \(2026-11-23T06:00:00Z\)$/,
    );
  });
});
