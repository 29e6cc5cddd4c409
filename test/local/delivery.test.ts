/**
 * Issue 15's delivery rules on a live server with the local target, on a QuikApp-shaped ladder:
 * dev smoke-tests every rollout with the demo service's check.js (which writes JUnit), qa takes
 * what passed in dev by itself (deployment: auto) and waits for QA Lead.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import type { RunView } from "../../src/engine/types.js";
import { runCli } from "../support/cli-process.js";
import type { CliResult } from "../support/cli-process.js";
import type { ServerProcess } from "../support/server-process.js";
import { Api, DEMO, startLocal } from "./e2e-support.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-delivery-"));
const config = join(dir, "quikship.yaml");
const state = join(dir, "state");
const CHECK = JSON.stringify(resolve("examples/demo-service/check.js"));
writeFileSync(
  config,
  `version: 1
name: delivery
stacks:
  node: { port: 3000, healthPath: /health, local: { command: [node, ${JSON.stringify(DEMO)}] } }
services:
  api: { stack: node }
users: { dana: {}, quinn: {} }
groups: { Developers: { members: [dana] }, QA Lead: { members: [quinn] } }
environments:
  dev:
    tier: nonprod
    target: local
    minReady: 1s
    progressDeadline: 30s
    tests: [{ name: smoke, kind: smoke, command: [node, ${CHECK}, smoke] }]
  qa:
    from: dev
    tier: nonprod
    target: local
    deployment: auto
    minReady: 1s
    progressDeadline: 30s
    approvals: { groups: [QA Lead] }
`,
);

let server: ServerProcess;
let api: Api;
const cli = (...args: string[]): Promise<CliResult> => runCli({ server: server.url, state, configHome: dir }, args);

async function promotionsInto(env: string): Promise<RunView[]> {
  const { body } = await api.call<RunView[]>("GET", "/v1/runs?kind=promote");
  return body.filter((r) => (r.request.params.to as string[]).includes(env));
}

describe("tests on every rollout, source gating and automatic promotion on a live server", () => {
  before(async () => {
    server = await startLocal(config, state);
    api = new Api(server, state);
  });
  after(async () => {
    server.child.kill("SIGTERM");
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it("smoke-tests a deploy to dev, shows its JUnit counts in `quikship run`, and qa takes it by itself, waiting for QA Lead", async () => {
    const run = await api.finished((await api.submit("deploy", ["api"], { tag: "v1.0.0" })).id);
    assert.equal(run.status, "succeeded", JSON.stringify(run.error));
    const smoke = run.stages.flatMap((s) => s.steps).find((s) => s.key === "test/smoke");
    assert.equal(smoke?.status, "succeeded");
    const shown = await cli("run", run.id);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /1 test: 1 passed/);

    const until = Date.now() + 30_000;
    let waiting: RunView | undefined;
    while (!waiting && Date.now() < until) {
      waiting = (await promotionsInto("qa")).find((r) => r.waitReason?.kind === "approval");
      if (!waiting) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(waiting, "a promotion into qa started by itself");
    assert.equal(waiting.actor, "quikship");
    assert.equal(waiting.request.params.tag, "v1.0.0");
    assert.match(waiting.waitReason?.message ?? "", /QA Lead/);
  });

  it("rolls back a deploy whose smoke test fails, and refuses at once to promote that tag, naming the test", async () => {
    const run = await api.finished((await api.submit("deploy", ["api"], { tag: "v2.0.0-broken" })).id);
    assert.equal(run.status, "failed");
    assert.equal(run.error?.step, "test/smoke");
    const shown = await cli("run", run.id);
    assert.match(shown.stdout, /1 test: 0 passed, 1 failed/);
    assert.match(shown.stdout, /api/);
    const served = (await (await fetch(`${server.routers.dev}/api/`)).json()) as { version: string };
    assert.equal(served.version, "v1.0.0", "dev serves the version it had before");

    const before = (await promotionsInto("qa")).length;
    const refused = await cli("promote", "--from", "dev", "--to", "qa", "--services", "api", "--tag", "v2.0.0-broken");
    assert.equal(refused.code, 1, refused.stdout);
    assert.match(refused.stderr, /v2\.0\.0-broken \(revision \d+\) failed dev's test smoke/);
    assert.equal((await promotionsInto("qa")).length, before, "no run was created");
  });
});
