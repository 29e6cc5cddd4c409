import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { HistoryView, PreviewView, StatusView } from "../../src/api/service-schemas.js";
import type { RunView } from "../../src/engine/types.js";
import { parseJson, runCli } from "../support/cli-process.js";
import type { CliResult } from "../support/cli-process.js";
import { startCountingServer, stopServer } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-delivery-"));
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
  dev: { tier: nonprod, target: local, replicas: { min: 2, max: 3 } }
  qa:
    from: dev
    tier: nonprod
    target: local
    approvals: { groups: [QA], policy: any, timeout: 1h }
    windows: { timezone: UTC, weekly: [{ days: [mon, tue, wed, thu, fri, sat, sun], from: "00:00", to: "24:00" }] }
users:
  ana: {}
groups:
  QA: { members: [ana] }
variableGroups:
  QA: { kind: environment, environments: [qa], variables: { logLevel: debug, dbPassword: { secret: "keyvault:QA-DB-PASSWORD" } } }
`,
);

let server: ServerProcess;

type Result = CliResult;

/** Runs the bundled CLI against the test server, as a person would. */
const quikship = (...args: string[]): Promise<Result> => runCli({ server: server.url, state, configHome: dir }, args);
const json = parseJson;

const runCount = async (): Promise<number> => json<RunView[]>(await quikship("runs", "-o", "json")).length;

describe("the delivery commands against a live server", () => {
  before(async () => {
    server = await startCountingServer(dir, state);
  });
  after(() => stopServer(server, dir));

  it("deploys with --wait until the run succeeds, and the history and status show the revision", async () => {
    const deploy = await quikship("deploy", "dev", "--services", "web,api", "--tag", "v1.0.0", "--wait");
    assert.equal(deploy.code, 0, deploy.stdout + deploy.stderr);
    assert.match(deploy.stdout, /run \S+ succeeded/);

    const history = await quikship("history", "dev", "web");
    assert.equal(history.code, 0, history.stderr);
    assert.match(history.stdout, /^REV\s+TAG\s+DIGEST\s+REPLICAS\s+STATUS/);
    assert.match(history.stdout, /\n1\s+v1\.0\.0\s+-\s+2\s+active\s+deploy\s+admin\s/);
    const revisions = json<HistoryView>(await quikship("history", "dev", "web", "-o", "json")).revisions;
    assert.deepEqual(
      revisions.map((r) => [r.revision, r.tag, r.status, r.cause, r.actor]),
      [[1, "v1.0.0", "active", "deploy", "admin"]],
    );

    const status = json<StatusView>(await quikship("status", "dev", "-o", "json"));
    const web = status.environments[0]?.services.find((s) => s.service === "web");
    assert.deepEqual(
      [status.environments[0]?.target, web?.tag, web?.revision, web?.ready, web?.desired, web?.health],
      ["counting", "v1.0.0", 1, 2, 2, "healthy"],
    );
    const text = await quikship("status");
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /^dev \(counting target\)\n\s+SERVICE\s+TAG\s+DIGEST\s+REV\s+READY\s+HEALTH\s+NOTE\n\s+web\s+v1\.0\.0\s+-\s+1\s+2\/2\s+healthy\s+-\n/,
    );
    assert.match(text.stdout, /\nqa \(counting target\)\n[^]*web\s+-\s+-\s+-\s+-\s+not-deployed/);
  });

  it("scales, restarts and rolls back with --wait, and without it prints the run and its state", async () => {
    assert.equal((await quikship("deploy", "dev", "--services", "web", "--tag", "v1.1.0", "--wait")).code, 0);
    const scale = await quikship("scale", "dev", "--services", "web", "--replicas", "3", "--wait", "-o", "json");
    assert.deepEqual([scale.code, json<RunView>(scale).status], [0, "succeeded"]);
    assert.equal((await quikship("restart", "dev", "--services", "web", "--wait")).code, 0);
    const rollback = await quikship("rollback", "dev", "--services", "web");
    assert.equal(rollback.code, 0, rollback.stderr);
    const id = /^run (\S+) queued: rollback to the previous revision in dev of web\n/.exec(rollback.stdout)?.[1];
    assert.ok(id, rollback.stdout);
    assert.equal((await quikship("run", id, "--follow")).code, 0);
    const revisions = json<HistoryView>(await quikship("history", "dev", "web", "-o", "json")).revisions;
    assert.deepEqual(revisions.find((r) => r.status === "active")?.tag, "v1.0.0");
  });

  it("exits 1 when a waited-for run fails", async () => {
    const rollback = await quikship("rollback", "dev", "--services", "api", "--revision", "7", "--wait");
    assert.equal(rollback.code, 1);
    assert.match(rollback.stdout, /api has no revision 7 in dev/);
  });

  it("previews a deploy with masked secrets and the gates, changing nothing", async () => {
    const before = await runCount();
    const text = await quikship("preview", "qa", "--services", "all", "--tag", "v2.0.0");
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /approvals {2}QA \(any, timeout 1h\)/);
    assert.match(text.stdout, /window {5}open now, closes /);
    assert.match(text.stdout, /dbPassword\s+\*{8} \(keyvault:QA-DB-PASSWORD\)\s+QA/);
    assert.match(text.stdout, /^web: install, not deployed → v2\.0\.0 × \d+$/m);
    const view = json<PreviewView>(
      await quikship("preview", "qa", "--services", "web", "--tag", "v2.0.0", "-o", "json"),
    );
    assert.deepEqual(view.services[0]?.variables.dbPassword, {
      value: "********",
      secret: true,
      reference: "keyvault:QA-DB-PASSWORD",
      source: "QA",
      overrides: [],
    });
    assert.deepEqual(view.gates.approvals?.groups, ["QA"]);
    assert.equal(await runCount(), before);
  });

  it("refuses a malformed tag or an unknown service with exit 1 and the message, creating no run", async () => {
    const before = await runCount();
    const tag = await quikship("deploy", "dev", "--services", "web", "--tag", "v1 beta");
    assert.equal(tag.code, 1);
    assert.match(tag.stderr, /error: .*params\.tag:? must be an image tag/);
    const service = await quikship("deploy", "dev", "--services", "wbe", "--tag", "v1", "-o", "json");
    assert.equal(service.code, 1);
    assert.match(
      json<{ error: { message: string } }>(service).error.message,
      /unknown service "wbe" \(did you mean "web"\?/,
    );
    const history = await quikship("history", "dev", "wbe");
    assert.match(history.stderr, /unknown service "wbe" \(did you mean "web"\?/);
    assert.equal(await runCount(), before);
  });

  it("deploys as a canary with --canary whatever the environment's strategy", async () => {
    const deploy = await quikship("deploy", "dev", "--services", "api", "--tag", "v1.3.0", "--canary");
    assert.equal(deploy.code, 0, deploy.stderr);
    const id = /^run (\S+) queued: canary deploy of v1\.3\.0 in dev of api\n/.exec(deploy.stdout)?.[1];
    assert.ok(id, deploy.stdout);
    let run = json<RunView>(await quikship("run", id, "-o", "json"));
    assert.equal(run.request.params.canary, true);
    for (let i = 0; i < 100 && run.waitReason?.kind !== "analysis" && run.status !== "failed"; i++) {
      await new Promise((done) => setTimeout(done, 100));
      run = json<RunView>(await quikship("run", id, "-o", "json"));
    }
    assert.deepEqual(
      [run.waitReason?.kind, run.waitReason?.kind === "analysis" && run.waitReason.strategy],
      ["analysis", "canary"],
      JSON.stringify(run),
    );
    assert.equal((await quikship("abort", id)).code, 0);
    assert.equal((await quikship("run", id, "--follow")).code, 1, "an aborted canary fails its run");
  });

  it("refuses usage errors with exit 2 before calling the server", async () => {
    const before = await runCount();
    const replicas = await quikship("scale", "dev", "--services", "web", "--replicas", "abc");
    assert.deepEqual(
      [replicas.code, replicas.stderr.trim()],
      [2, 'error: --replicas must be a whole number of instances, got "abc"'],
    );
    const tag = await quikship("deploy", "dev", "--services", "web");
    assert.equal(tag.code, 2);
    assert.match(tag.stderr, /required option '--tag <tag>' not specified/);
    assert.equal(await runCount(), before);
  });
});
