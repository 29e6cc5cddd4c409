import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadPlatformOrThrow } from "../../config/load.js";
import type { Release } from "../release.js";
import type { RunRequestOf } from "../request.js";
import type { RunRequest } from "../types.js";
import { trainOrder } from "./order.js";
import { planRun } from "./plan.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-train-"));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, "quikship.yaml"),
  `version: 1
name: shop
stacks: { node: { port: 3000 } }
services:
  db: { stack: node }
  cache: { stack: node }
  queue: { stack: node, dependsOn: [db] }
  api: { stack: node, dependsOn: [db] }
  web: { stack: node, dependsOn: [api, cache] }
  worker: { stack: node, dependsOn: [queue] }
users: { rob: {} }
groups: { Release Manager: { members: [rob] } }
environments:
  dev: { tier: nonprod }
  qa: { tier: nonprod, from: dev, tests: [{ name: smoke, command: "true" }] }
  live:
    tier: prod
    from: qa
    approvals: { groups: [Release Manager] }
    windows: { timezone: UTC, weekly: [{ days: [mon], from: "09:00", to: "17:00" }] }
`,
);
const { platform } = loadPlatformOrThrow(dir);
const order = (...names: string[]): string[] =>
  trainOrder(
    platform,
    names.map((name) => ({ name })),
  ).map((s) => s.name);
const keys = (steps: { key: string }[] | undefined): string[] => (steps ?? []).map((s) => s.key);

describe("trainOrder", () => {
  it("keeps the given order of services that do not depend on each other", () => {
    assert.deepEqual(order("cache", "db"), ["cache", "db"]);
    assert.deepEqual(order("db", "cache"), ["db", "cache"]);
  });

  it("puts each service after the chosen ones it depends on", () => {
    assert.deepEqual(order("web", "api", "db"), ["db", "api", "web"]);
  });

  it("follows dependencies through services that were not chosen", () => {
    assert.deepEqual(order("worker", "db"), ["db", "worker"]);
    assert.deepEqual(order("worker", "cache"), ["worker", "cache"], "worker does not depend on cache");
  });

  it("breaks ties in the given order: the first service that may go, goes", () => {
    assert.deepEqual(order("cache", "web", "db", "api"), ["cache", "db", "api", "web"]);
    assert.deepEqual(order("web", "worker", "api", "queue", "db", "cache"), [
      "db",
      "api",
      "queue",
      "worker",
      "cache",
      "web",
    ]);
  });
});

describe("planning a release train", () => {
  const deploy: RunRequest = {
    kind: "deploy",
    environment: "live",
    services: ["web", "api", "db"],
    params: { tag: "v2" },
  };

  it("deploys in train order behind the environment's gates, once: locks (by name), revisions, the release, rollouts", () => {
    const { request, plan } = planRun(platform, deploy, "alice");
    assert.deepEqual(request.services, ["db", "api", "web"]);
    const [stage] = plan.stages;
    assert.deepEqual(keys(stage?.steps), [
      "pin-images",
      "approval",
      "window",
      "lock/api",
      "lock/db",
      "lock/web",
      "revision/db",
      "revision/api",
      "revision/web",
      "release",
      "rollout/db",
      "rollout/api",
      "rollout/web",
      "released",
    ]);
    assert.deepEqual(keys(stage?.onFailure), ["undo/web", "undo/api", "undo/db", "release-failed"]);
    assert.deepEqual(stage?.onFailure?.[1]?.params, {
      environment: "live",
      service: "api",
      revisionStep: "revision/api",
      rolloutStep: "rollout/api",
      releaseStep: "release",
    });
  });

  it("promotes the train to each target in ladder order, with its gates once per target and its tests before the release is done", () => {
    const { request, plan } = planRun(
      platform,
      { kind: "promote", environment: "dev", services: ["web", "api"], params: { to: ["live", "qa"], tag: "v2" } },
      "alice",
    );
    assert.deepEqual(request.services, ["api", "web"]);
    assert.deepEqual(
      plan.stages.map((s) => s.key),
      ["source", "qa", "live"],
    );
    assert.deepEqual(keys(plan.stages[1]?.steps), [
      "qa/lock/api",
      "qa/lock/web",
      "qa/revision/api",
      "qa/revision/web",
      "qa/release",
      "qa/rollout/api",
      "qa/rollout/web",
      "qa/test/smoke",
      "qa/released",
    ]);
    assert.deepEqual(
      keys(plan.stages[2]?.steps).filter((k) => /approval|window/.test(k)),
      ["live/approval", "live/window"],
    );
    assert.deepEqual(keys(plan.stages[2]?.onFailure), ["live/undo/web", "live/undo/api", "live/release-failed"]);
  });
});

describe("planning the rollback of a release", () => {
  const release: Release = {
    id: "rel-abcd1234",
    environment: "qa",
    runId: "r1",
    actor: "alice",
    status: "released",
    createdAt: 1,
    finishedAt: 2,
    items: [
      { service: "db", tag: "v2", revision: 4, previousRevision: 3, previousTag: "v1" },
      { service: "api", tag: "v2", revision: 2, previousRevision: null, previousTag: null },
    ],
  };
  const rollback = (
    params: RunRequestOf<"rollback">["params"],
    environment = "qa",
    services: string[] = [],
  ): RunRequest => ({
    kind: "rollback",
    environment,
    services,
    params,
  });

  it("moves every service back in reverse train order, then marks the release rolled back", () => {
    const { request, plan } = planRun(platform, rollback({ release: release.id }), "alice", { release });
    assert.deepEqual(request.services, ["api", "db"]);
    assert.deepEqual(keys(plan.stages[0]?.steps), [
      "lock/api",
      "lock/db",
      "rollback/api",
      "rollback/db",
      "rolled-back",
    ]);
    assert.deepEqual(plan.stages[0]?.steps[3]?.params, {
      environment: "qa",
      service: "db",
      release: release.id,
      revision: 4,
      previousRevision: 3,
      previousTag: "v1",
    });
    assert.equal(plan.stages[0]?.steps[2]?.title, "remove api (the release installed it)");
  });

  it("refuses an unknown release, another environment's, one not released, or services beside it", () => {
    assert.throws(
      () => planRun(platform, rollback({ release: "rel-nope" }), "alice", {}),
      /no release "rel-nope"; list releases with `quikship releases qa`/,
    );
    assert.throws(
      () => planRun(platform, rollback({ release: release.id }, "live"), "alice", { release }),
      /release rel-abcd1234 was released to qa, not live/,
    );
    assert.throws(
      () => planRun(platform, rollback({ release: release.id }, "qa", ["db"]), "alice", { release }),
      /a rollback names a release or services, not both/,
    );
    assert.throws(
      () =>
        planRun(platform, rollback({ release: release.id }), "alice", { release: { ...release, status: "failed" } }),
      /release rel-abcd1234 failed, and what it moved was moved back then/,
    );
  });
});
