import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, before, it } from "node:test";
import type { FastifyInstance, InjectOptions } from "fastify";
import { pino } from "pino";
import { buildApp } from "../../src/api/app.js";
import type { InfraEnvironmentStatus } from "../../src/engine/infra-status.js";
import type { RunView } from "../../src/engine/types.js";
import { singleTarget } from "../../src/targets/registry.js";
import { CountingTarget } from "../../src/targets/counting.js";
import { removeTrees, writeTree } from "../config/support.js";
import { testPlatform } from "../engine/support.js";
import { dumpTables, forEachDatabase } from "../support/databases.js";
import { type InfraHarness, infraHarness, settleRun } from "./engine-support.js";
import { FIXTURES, requireTerraform } from "./support.js";

before(requireTerraform);
after(removeTrees);

/** Planted as a sensitive variable and output: it must appear in no table, log, event or answer. */
const PLANTED = "planted-Secret-7f3a91c2e4";

forEachDatabase("drift and sensitive values of infra runs", (t) => {
  let h: InfraHarness;
  let app: FastifyInstance;
  let admin = "";
  let external = "";
  const logs: string[] = [];

  before(async () => {
    const dir = writeTree({ "placeholder.txt": "" });
    cpSync(join(FIXTURES, "basic"), join(dir, "module"), { recursive: true });
    external = join(dir, "external.txt");
    writeFileSync(external, "first\n");
    const platform = testPlatform(
      `version: 1
name: infra
stacks: { node: { port: 3000 } }
services: { api: { stack: node } }
environments:
  dev: { tier: nonprod }
terraform:
  workingDirectory: module
  environments:
    dev:
      autoApprove: true
      driftSchedule: "0 6 * * *"
      variables: { name: app-dev, token: ${PLANTED}, external_file: ${external} }
`.replace("quikship.yaml", ""),
    );
    // The platform file's directory is where the module is found.
    const moved = { ...platform, baseDir: dir };
    h = await infraHarness(t, moved);
    const logger = pino(
      { level: "debug" },
      new Writable({
        write(chunk: Buffer, _e, done) {
          logs.push(chunk.toString());
          done();
        },
      }),
    );
    app = await buildApp({
      engine: h.engine.api,
      platform: moved,
      db: h.db,
      targets: singleTarget(new CountingTarget(join(dir, "effects.jsonl"))),
      stateDir: dir,
      logger,
      clock: h.clock,
      infra: h.settings,
    });
    await app.ready();
    admin = readFileSync(join(dir, "admin.token"), "utf8").trim();
  });
  after(async () => {
    await app.close();
    h.cleanup();
  });

  const call = async (options: InjectOptions) => {
    const res = await app.inject({ ...options, headers: { authorization: `Bearer ${admin}` } });
    assert.ok(
      res.statusCode < 300,
      `${options.method ?? "GET"} ${JSON.stringify(options.url)}: ${res.statusCode} ${res.body}`,
    );
    return res.body;
  };
  const start = async (action: string): Promise<RunView> => {
    const body = await call({
      method: "POST",
      url: "/v1/runs",
      payload: { kind: "infra", environment: "dev", params: { action } },
    });
    return settleRun(h, (JSON.parse(body) as RunView).id);
  };
  const status = async (): Promise<InfraEnvironmentStatus> =>
    (JSON.parse(await call({ url: "/v1/infra/status" })) as InfraEnvironmentStatus[])[0]!;

  it("applies, then finds drift made behind quikship's back, by address, on demand and on the schedule", async () => {
    const applied = await start("apply");
    assert.equal(applied.status, "succeeded", JSON.stringify(applied.error));
    assert.equal((await start("drift")).status, "succeeded");
    assert.equal((await status()).drift.status, "up-to-date");

    writeFileSync(external, "changed outside terraform\n");
    const drift = await start("drift");
    assert.equal(drift.status, "succeeded", JSON.stringify(drift.error));
    const now = await status();
    assert.equal(now.drift.status, "drifted");
    assert.deepEqual(now.drift.status === "drifted" && now.drift.outputs.map((o) => o.name), ["external"]);
    assert.match(await call({ url: `/v1/runs/${drift.id}/events?format=json` }), /drifted: output\.external/);

    // The schedule: 06:00 UTC the next day starts a drift run of its own, once.
    await h.engine.drift.tick();
    h.clock.set(Date.parse("2026-11-17T06:00:30Z"));
    await h.engine.drift.tick();
    await h.engine.drift.tick();
    const scheduled = (await h.engine.api.list({ kind: "infra" })).filter((r) => r.actor !== "admin");
    assert.equal(scheduled.length, 1, JSON.stringify(scheduled.map((r) => r.actor)));
    assert.equal((await settleRun(h, scheduled[0]!.id)).status, "succeeded");
    assert.equal((await status()).drift.status, "drifted");
  });

  it("keeps the planted sensitive value out of every table, log line, event and API answer", async () => {
    const outputs = JSON.parse(await call({ url: "/v1/infra/dev/outputs" })) as {
      outputs: Record<string, { sensitive: boolean; value?: unknown }>;
    };
    assert.deepEqual(outputs.outputs.token, { sensitive: true, type: "string" });
    assert.equal(outputs.outputs.name?.value, "app-dev");
    const answers: string[] = [await call({ url: "/v1/infra/status" }), await call({ url: "/v1/runs?kind=infra" })];
    for (const run of await h.engine.api.list({ kind: "infra" })) {
      answers.push(await call({ url: `/v1/runs/${run.id}` }));
      answers.push(await call({ url: `/v1/runs/${run.id}/events?format=json` }));
      answers.push(await call({ url: `/v1/runs/${run.id}/explain` }));
    }
    const rows = await dumpTables(h.db);
    assert.ok(rows.includes("app-dev"), "the dump reads the stored runs");
    const places: [string, string][] = [
      ["API", answers.join("\n")],
      ["database", rows],
      ["logs", logs.join("")],
    ];
    for (const [where, text] of places)
      assert.ok(!text.includes(PLANTED), `the sensitive value leaked into the ${where}`);
  });
});
