import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { DateTime } from "luxon";
import type { ArtifactResult, ExplanationView } from "../../src/api/promotion-schemas.js";
import type { StatusView } from "../../src/api/service-schemas.js";
import type { RunView } from "../../src/engine/types.js";
import { parseJson, runCli } from "../support/cli-process.js";
import type { CliResult } from "../support/cli-process.js";
import { startCountingServer, stopServer } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-promote-"));
const state = join(dir, "state");
writeFileSync(
  join(dir, "quikship.yaml"),
  `version: 1
name: shop
stacks:
  node: { port: 3000, healthPath: /health }
services:
  web: { stack: node }
  api: { stack: node }
environments:
  qa: { tier: nonprod, triggers: [{ branch: develop }] }
  staging: { tier: preprod, from: qa, approvals: { groups: [Release Manager], policy: any } }
  live:
    tier: prod
    from: staging
    approvals: { groups: [CAB, Release Manager, CTO], policy: all }
    windows:
      timezone: America/New_York
      weekly:
        - { days: [mon, tue, wed, thu], from: "09:00", to: "16:00" }
        - { days: [fri], from: "09:00", to: "12:00" }
users: { alice: {}, rob: {}, cara: {}, tim: {} }
groups:
  Developers: { members: [alice] }
  Release Manager: { members: [rob] }
  CAB: { members: [cara] }
  CTO: { members: [tim] }
`,
);

type User = "alice" | "rob" | "cara" | "tim";
let server: ServerProcess;
const tokens = new Map<User, string>();

/** The bundled CLI against the test server: as the admin (the state's admin.token), or as a user. */
const quikship = (...args: string[]): Promise<CliResult> =>
  runCli({ server: server.url, state, configHome: dir }, args);
const as = (user: User, ...args: string[]): Promise<CliResult> =>
  runCli({ server: server.url, state, configHome: dir }, args, { QUIKSHIP_TOKEN: tokens.get(user) ?? "" });
const ok = (r: CliResult): CliResult => {
  assert.equal(r.code, 0, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
};

/** Asks `explain` until the run reaches a state the predicate accepts: the server moves on by itself, within moments. */
async function explainUntil(
  id: string,
  accept: (e: ExplanationView) => boolean,
  what: string,
): Promise<ExplanationView> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const e = parseJson<ExplanationView>(ok(await as("alice", "explain", id, "-o", "json")));
    if (accept(e)) return e;
    if (Date.now() > deadline) throw new Error(`run ${id} did not get to ${what}; last: ${JSON.stringify(e)}`);
    await delay(150);
  }
}

const waitsFor = (kind: string, environment: string) => (e: ExplanationView) =>
  e.waiting?.kind === kind && e.waiting.environment === environment;

describe("a promotion qa → staging → live driven only through the CLI", () => {
  before(async () => {
    server = await startCountingServer(dir, state);
    for (const user of ["alice", "rob", "cara", "tim"] as const) {
      tokens.set(
        user,
        parseJson<{ token: string }>(ok(await quikship("token", "create", "--user", user, "-o", "json"))).token,
      );
    }
  });
  after(() => stopServer(server, dir));

  it("waits for Release Manager, then for CAB + Release Manager + CTO and the window, and moves the same tag everywhere", async () => {
    ok(await as("alice", "deploy", "qa", "--services", "web,api", "--tag", "v1.0.0", "--wait"));

    const emergency = await as(
      "alice",
      "deploy",
      "live",
      "--services",
      "web",
      "--tag",
      "v1.0.0",
      "--emergency",
      "--reason",
      "outage",
    );
    assert.equal(emergency.code, 1);
    assert.match(emergency.stderr, /alice may not override deployment windows; only members of \(no group\) may/);

    const promoted = ok(
      await as("alice", "promote", "--from", "qa", "--to", "staging,live", "--services", "web,api", "--tag", "v1.0.0"),
    );
    const id = /^run (\S+) queued: promotion of v1\.0\.0 from qa to staging, live of web, api$/m.exec(
      promoted.stdout,
    )?.[1];
    assert.ok(id, promoted.stdout);

    await explainUntil(id, waitsFor("approval", "staging"), "the approval of staging");
    const staging = ok(await as("alice", "explain", id)).stdout;
    assert.match(
      staging,
      new RegExp(`^run ${id} waits for approval of staging: waiting for one approval from Release Manager`),
    );
    assert.match(staging, /\napprovals of staging \(policy any\)\n {2}Release Manager\s+missing\n/);

    assert.match(
      ok(await as("rob", "approvals")).stdout,
      new RegExp(`${id}\\s+promote\\s+staging\\s+alice\\s+Release Manager\\s+you may approve as Release Manager`),
    );
    assert.match(ok(await as("alice", "approvals")).stdout, /not you: alice requested this run and cannot approve it/);
    const self = await as("alice", "approve", id);
    assert.equal(self.code, 1);
    assert.match(self.stderr, /alice requested this run and cannot approve it/);
    assert.match(
      ok(await as("rob", "approve", id, "--comment", "staging ok")).stdout,
      new RegExp(`^approved run ${id} for staging as Release Manager: staging ok`),
    );

    await explainUntil(id, waitsFor("approval", "live"), "the approval of live");
    assert.match(
      ok(await as("alice", "explain", id)).stdout,
      /waits for approval of live: waiting for approvals from CAB, Release Manager, CTO/,
    );
    assert.equal((await as("cara", "reject", id)).code, 2, "a rejection without --comment is a usage error");
    ok(await as("cara", "approve", id));
    const partly = ok(await as("alice", "explain", id)).stdout;
    assert.match(partly, /\n {2}CAB\s+approved by cara\n {2}Release Manager\s+missing\n {2}CTO\s+missing\n/);
    ok(await as("rob", "approve", id, "--env", "live", "--group", "Release Manager"));
    ok(await as("tim", "approve", id));

    const past = await explainUntil(
      id,
      (e) => e.status === "succeeded" || e.waiting?.kind === "window",
      "the window of live, or its end",
    );
    const status = parseJson<StatusView>(ok(await quikship("status", "-o", "json")));
    const tags = (env: string) =>
      status.environments
        .find((e) => e.environment === env)
        ?.services.map((s) => [s.service, s.tag])
        .sort();
    assert.deepEqual(tags("staging"), [
      ["api", "v1.0.0"],
      ["web", "v1.0.0"],
    ]);
    if (past.status === "succeeded") {
      // The live window was open now: the promotion went through.
      assert.deepEqual(tags("live"), [
        ["api", "v1.0.0"],
        ["web", "v1.0.0"],
      ]);
      assert.deepEqual(tags("qa"), [
        ["api", "v1.0.0"],
        ["web", "v1.0.0"],
      ]);
    } else {
      const text = ok(await as("alice", "explain", id)).stdout;
      const line =
        /^run \S+ waits for the deployment window of live: opens (\w{3} \d{4}-\d\d-\d\d \d\d:\d\d) America\/New_York \((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\)$/m.exec(
          text,
        );
      assert.ok(line, text);
      const [, local, utc] = line;
      assert.equal(
        DateTime.fromISO(utc!).setZone("America/New_York").toFormat("ccc yyyy-MM-dd HH:mm"),
        local,
        "the zone's time and UTC name the same moment",
      );
      assert.match(
        text,
        /\n {2}opens\s+\w{3} \S+ \d\d:\d\d America\/New_York \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)\n/,
      );
      assert.ok(Date.parse(utc!) > Date.now(), "the opening is ahead");
      assert.equal(
        tags("live")?.every(([, tag]) => tag === null),
        true,
        "nothing reached live before its window",
      );
    }
  });

  it("registers an artifact from CI: a build of develop deploys to qa; both --branch and --git-tag is a usage error", async () => {
    assert.equal(
      (
        await as(
          "alice",
          "ci",
          "notify",
          "--service",
          "web",
          "--tag",
          "v2.0.0",
          "--branch",
          "develop",
          "--git-tag",
          "v2.0.0",
        )
      ).code,
      2,
    );
    assert.equal((await as("alice", "ci", "notify", "--service", "web", "--tag", "v2.0.0")).code, 2);
    const result = parseJson<ArtifactResult>(
      ok(await as("alice", "ci", "notify", "--service", "web", "--tag", "v2.0.0", "--branch", "develop", "-o", "json")),
    );
    assert.deepEqual(
      result.runs.map((r: RunView) => [r.kind, r.environment, r.actor]),
      [["deploy", "qa", "alice"]],
    );
    const none = ok(await as("alice", "ci", "notify", "--service", "web", "--tag", "v2.0.1", "--git-tag", "v2.0.1"));
    assert.match(none.stdout, /no trigger rule matches it, so nothing was started/);
  });

  it("registers an artifact from a build manifest: the digest, commit and commit time travel with the deploy's request", async () => {
    const manifest = join(dir, "build-manifest.json");
    const digest = `sha256:${"ab".repeat(32)}`;
    const commit = "0123456789abcdef0123456789abcdef01234567";
    writeFileSync(
      manifest,
      JSON.stringify({
        version: 1,
        service: "web",
        tag: "v2.1.0",
        image: "registry.example/web:v2.1.0",
        digest,
        source: { branch: "develop" },
        commit,
        commitTime: "2026-12-01T09:00:00+00:00",
        builder: "buildah",
        startedAt: "2026-12-01T09:01:00.000Z",
        finishedAt: "2026-12-01T09:02:00.000Z",
        steps: [{ step: "push", status: "done", ms: 10 }],
      }),
    );
    const result = parseJson<ArtifactResult>(
      ok(await as("alice", "ci", "notify", "--manifest", manifest, "-o", "json")),
    );
    assert.deepEqual(result.artifact, {
      service: "web",
      tag: "v2.1.0",
      branch: "develop",
      digest,
      commit,
      commitTime: "2026-12-01T09:00:00+00:00",
    });
    assert.deepEqual(result.runs[0]!.request.params, {
      tag: "v2.1.0",
      digest,
      commit,
      commitTime: "2026-12-01T09:00:00+00:00",
    });
    writeFileSync(manifest, JSON.stringify({ version: 1, service: "web" }));
    const broken = await as("alice", "ci", "notify", "--manifest", manifest);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /is not a build manifest: tag/);
  });
});
