import assert from "node:assert/strict";
import { join, relative, resolve } from "node:path";
import { after, describe, test } from "node:test";
import { InputError } from "../../src/errors.js";
import { loadPlatform, loadPlatformOrThrow } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { BASE } from "./base-platform.js";
import { edit, placeOf, removeTrees, writeTree } from "./support.js";

after(removeTrees);

function load(files: Record<string, string>): Platform {
  const result = loadPlatform(writeTree(files));
  assert.deepEqual(result.ok ? [] : result.errors, []);
  assert.ok(result.ok);
  return result.platform;
}

describe("loading a valid platform", () => {
  const platform = load({ "quikship.yaml": BASE });

  test("loads the base platform with every collection", () => {
    assert.equal(platform.name, "shop");
    assert.deepEqual(Object.keys(platform.stacks), ["node", "java"]);
    assert.deepEqual(Object.keys(platform.services), ["web", "api", "auth"]);
    assert.deepEqual(Object.keys(platform.environments), ["local", "dev", "live"]);
    assert.deepEqual(Object.keys(platform.groups), ["CAB", "QA Lead"]);
    assert.deepEqual(Object.keys(platform.variableGroups), ["Common", "Live Secrets"]);
  });

  test("accepts the path of the file as well as its directory", () => {
    const dir = writeTree({ "platform/shop.yaml": BASE });
    const result = loadPlatform(join(dir, "platform/shop.yaml"));
    assert.equal(result.ok, true);
  });

  test("turns durations into milliseconds", () => {
    const live = platform.environments.live!;
    assert.equal(live.approvals?.timeoutMs, 86_400_000);
    assert.equal(platform.environments.dev!.progressDeadlineMs, 900_000);
    assert.equal(live.progressDeadlineMs, 600_000, "the default 10m");
  });

  test("turns percentages into numbers", () => {
    assert.deepEqual(platform.analysis.thresholds.errorRatePercent, { warning: 0.5, critical: 2 });
  });

  test("folds stack defaults into services, and lets a service override them", () => {
    const { web, api, auth } = platform.services;
    assert.equal(web!.port, 3000);
    assert.equal(web!.healthPath, "/healthz");
    assert.deepEqual(web!.local?.command, ["node", "server.js"]);
    assert.equal(web!.local?.cwd, platform.baseDir);
    assert.equal(api!.port, 8081);
    assert.equal(auth!.port, 8080);
    assert.equal(auth!.healthPath, "/health", "neither the service nor its stack names one");
    assert.equal(auth!.local, undefined);
  });

  test("folds tier defaults into environments", () => {
    assert.deepEqual(platform.environments.live!.replicas, { min: 2, max: 4 });
    assert.deepEqual(platform.environments.dev!.replicas, { min: 1, max: 1 });
  });

  test("orders the ladder from the first rung and maps aliases to environments", () => {
    assert.deepEqual(platform.ladder, ["local", "dev", "live"]);
    assert.deepEqual(
      platform.ladder.map((name) => platform.environments[name]!.position),
      [0, 1, 2],
    );
    assert.deepEqual(platform.aliases, { prod: "live" });
  });

  test("lists the groups of each user", () => {
    assert.deepEqual(platform.users.ana!.groups, ["CAB"]);
    assert.deepEqual(platform.users.bo!.groups, ["CAB"]);
    assert.deepEqual(platform.users.cy!.groups, ["QA Lead"]);
  });

  test("resolves a canary plan into steps with bake times", () => {
    assert.deepEqual(platform.environments.live!.strategy, {
      type: "canary",
      plan: "careful",
      steps: [
        { weight: 10, bakeMs: 900_000 },
        { weight: 50, bakeMs: 3_600_000 },
        { weight: 100, bakeMs: 0 },
      ],
    });
    assert.deepEqual(platform.environments.dev!.strategy, { type: "rolling", maxSurge: 1, maxUnavailable: 0 });
  });

  test("keeps approvals, windows and secret references in their program form", () => {
    const live = platform.environments.live!;
    assert.deepEqual(live.approvals?.policy, { kind: "minimum", count: 2 });
    assert.deepEqual(live.windows?.weekly, [{ days: ["mon", "tue", "wed", "thu"], fromMinute: 540, toMinute: 960 }]);
    assert.deepEqual(live.windows?.freezes, [
      { kind: "range", name: "Christmas", from: "2025-12-20", to: "2026-01-02" },
    ]);
    assert.deepEqual(platform.services.api!.variables.jwtSecret, { kind: "secret", ref: "env:JWT_SECRET" });
    assert.deepEqual(platform.variableGroups.Common!.variables.LOG_LEVEL, { kind: "plain", value: "info" });
    assert.deepEqual(platform.variableGroups["Live Secrets"]!.readers, ["deploy"]);
  });
});

describe("loading a platform split across files", () => {
  const [head, rest] = BASE.split("services:\n");
  const [services, environmentsAndAfter] = rest!.split("tiers:\n");
  const [beforeUsers, people] = `tiers:\n${environmentsAndAfter!}`.split("users:\n");
  const [users, afterGroups] = people!.split("variableGroups:\n");
  const files = {
    "quikship.yaml": `${head!}include: [services.yaml, access/people.yaml]\n${beforeUsers!}variableGroups:\n${afterGroups!}`,
    "services.yaml": `services:\n${services!}`,
    "access/people.yaml": `users:\n${users!}`,
  };

  test("merges the named collections of every included file", () => {
    const dir = writeTree(files);
    const result = loadPlatform(dir);
    assert.ok(result.ok, JSON.stringify(result.ok ? [] : result.errors));
    assert.deepEqual(Object.keys(result.platform.services), ["web", "api", "auth"]);
    assert.deepEqual(Object.keys(result.platform.groups), ["CAB", "QA Lead"]);
    assert.deepEqual(result.platform.users.ana!.groups, ["CAB"]);
    assert.equal(
      result.platform.services.web!.port,
      3000,
      "a stack in the root file serves a service in an included one",
    );
    assert.deepEqual(
      result.files.map((f) => relative(dir, resolve(f))),
      ["quikship.yaml", "services.yaml", "access/people.yaml"],
    );
  });

  test("merges one collection that two files both add entries to", () => {
    const platform = load({
      ...files,
      "services.yaml": `services:\n${services!}include: [more.yaml]\n`,
      "more.yaml": "services:\n  billing:\n    stack: java\n    dependsOn: [auth]\n",
    });
    assert.deepEqual(Object.keys(platform.services), ["web", "api", "auth", "billing"]);
  });

  test("locates an error in an included file at its place in that file", () => {
    const dir = writeTree({
      ...files,
      "services.yaml": `services:\n${services!.replace("stack: java", "stack: jav")}`,
    });
    const result = loadPlatform(dir);
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? [] : result.errors.map((d) => placeOf(d, dir)), [
      "services.yaml:6:12 services.api.stack",
    ]);
  });
});

describe("warnings", () => {
  test("a group with no members used as approvers warns but does not fail the load", () => {
    const dir = writeTree({
      "quikship.yaml": edit(
        BASE,
        ["members: [cy]", "members: []"],
        ["policy: minimum\n      minimum: 2\n", "policy: all\n"],
      ),
    });
    const result = loadPlatform(dir);
    assert.ok(result.ok);
    assert.deepEqual(
      result.warnings.map((d) => `${placeOf(d, dir)}: ${d.severity}: ${d.message}`),
      [
        'quikship.yaml:46:21 environments.live.approvals.groups[1]: warning: group "QA Lead" has no members, so nobody can approve',
      ],
    );
  });
});

describe("loadPlatformOrThrow", () => {
  test("throws an input error that lists every located problem", () => {
    const dir = writeTree({ "quikship.yaml": edit(BASE, ["stack: node", "stack: nod"], ["tier: prod", "tier: prd"]) });
    assert.throws(
      () => loadPlatformOrThrow(dir),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, /^the platform file has 2 errors:\n/);
        assert.match(error.message, /quikship\.yaml:13:12 services\.web\.stack: unknown stack "nod"/);
        assert.match(error.message, /quikship\.yaml:40:11 environments\.live\.tier: "prd" is not allowed here/);
        return true;
      },
    );
  });

  test("returns the platform and its warnings when there is no error", () => {
    const { platform, warnings } = loadPlatformOrThrow(writeTree({ "quikship.yaml": BASE }));
    assert.equal(platform.name, "shop");
    assert.deepEqual(warnings, []);
  });
});
