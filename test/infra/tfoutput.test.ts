import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadPlatform } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { ManualClock } from "../../src/engine/clock.js";
import { type Engine, createEngine } from "../../src/engine/index.js";
import type { RunView } from "../../src/engine/types.js";
import type { Db } from "../../src/store/database.js";
import { migrate } from "../../src/store/migrate.js";
import type { RevisionRequest } from "../../src/targets/target.js";
import { singleTarget } from "../../src/targets/registry.js";
import { removeTrees, writeTree } from "../config/support.js";
import { dumpTables, forEachDatabase } from "../support/databases.js";
import { FakeTarget } from "../support/fake-target.js";
import { MONDAY } from "./engine-support.js";
import { FIXTURES, requireTerraform } from "./support.js";

before(requireTerraform);
after(removeTrees);

/** A TEST DOUBLE of a target (FakeTarget) that keeps the instance environment each revision was handed. */
class RecordingTarget extends FakeTarget {
  readonly handed: { service: string; env: Record<string, string> }[] = [];
  override ensureRevision(request: RevisionRequest): Promise<void> {
    this.handed.push({ service: request.service.name, env: request.env });
    return super.ensureRevision(request);
  }
}

const PLANTED = "planted-Output-5d1c0e77aa";

function platformText(extra = ""): string {
  return `version: 1
name: outputs
stacks: { node: { port: 3000 } }
services:
  api: { stack: node }
  worker: { stack: node, variables: { WORKER_TOKEN: "tfoutput:dev/token" } }
environments:
  dev: { tier: nonprod }
variableGroups:
  Infra: { kind: environment, environments: [dev], variables: { APP_NAME: "tfoutput:dev/name", EXTERNAL: "tfoutput:dev/external" } }
terraform:
  workingDirectory: module
  environments:
    dev: { autoApprove: true, variables: { name: app-dev, token: ${PLANTED}, external_file: EXTERNAL_FILE } }
${extra}`;
}

function load(text: string): ReturnType<typeof loadPlatform> {
  const dir = writeTree({ "quikship.yaml": text });
  cpSync(join(FIXTURES, "basic"), join(dir, "module"), { recursive: true });
  writeFileSync(join(dir, "external.txt"), "first\n");
  return loadPlatform(dir);
}

describe("tfoutput references in the platform file", () => {
  it("refuses a reference to an environment without a terraform entry, and one that is not ENV/NAME, at its line", () => {
    const result = load(
      platformText().replace(
        'EXTERNAL: "tfoutput:dev/external"',
        'EXTERNAL: "tfoutput:qa/external", BAD: "tfoutput:dev"',
      ),
    );
    assert.equal(result.ok, false);
    const messages = result.ok ? [] : result.errors.map((e) => `${e.file}:${e.line}: ${e.message}`);
    assert.ok(
      messages.some((m) =>
        /quikship\.yaml:\d+: "tfoutput:qa\/external" names qa, which has no entry under terraform\.environments \(entries: dev\)/.test(
          m,
        ),
      ),
      messages.join("\n"),
    );
    assert.ok(
      messages.some((m) => /"tfoutput:dev" is not a terraform output reference/.test(m)),
      messages.join("\n"),
    );
  });
});

forEachDatabase("terraform outputs resolved for services at deploy", (t) => {
  let engine: Engine;
  let clock: ManualClock;
  let db: Db;
  let rootDir: string;
  const target = new RecordingTarget();

  before(async () => {
    const loaded = load(platformText());
    assert.ok(loaded.ok, loaded.ok ? "" : loaded.errors.map((e) => e.message).join("\n"));
    const external = join(loaded.platform.baseDir, "external.txt");
    const platform: Platform = JSON.parse(
      JSON.stringify(loaded.platform).replace("EXTERNAL_FILE", external.replace(/\\/g, "\\\\")),
    ) as Platform;
    db = await t.open(await t.createDatabase());
    await migrate(db);
    clock = new ManualClock(MONDAY);
    rootDir = mkdtempSync(join(tmpdir(), "quikship-tfoutput-"));
    engine = createEngine({
      db,
      platform,
      clock,
      infra: { rootDir, backend: "local" },
      targets: singleTarget(target),
      owner: "test-server",
      leaseMs: 30_000,
    });
  });
  after(() => rmSync(rootDir, { recursive: true, force: true }));

  async function settle(id: string): Promise<RunView> {
    for (let i = 0; i < 40; i++) {
      await engine.worker.drain();
      const run = await engine.api.get(id);
      if (run.status === "succeeded" || run.status === "failed") return run;
      clock.advance(1_000);
    }
    return engine.api.get(id);
  }
  const deploy = async (service: string) =>
    settle(
      (
        await engine.api.submit(
          { kind: "deploy", environment: "dev", services: [service], params: { tag: "1.0.0" } },
          "dana",
        )
      ).id,
    );

  it("fails a deploy that needs an output before the environment was ever applied, saying so", async () => {
    const run = await deploy("api");
    assert.equal(run.status, "failed");
    assert.match(
      run.error?.message ?? "",
      /APP_NAME is tfoutput:dev\/name, but dev has no successful terraform apply yet/,
    );
  });

  it("hands the service the outputs of the last apply, and refuses a sensitive output without storing it", async () => {
    const applied = await settle(
      (await engine.api.submit({ kind: "infra", environment: "dev", params: { action: "apply" } }, "paula")).id,
    );
    assert.equal(applied.status, "succeeded", JSON.stringify(applied.error));
    const run = await deploy("api");
    assert.equal(run.status, "succeeded", JSON.stringify(run.error));
    const env = target.handed.find((h) => h.service === "api")!.env;
    assert.equal(env.APP_NAME, "app-dev");
    assert.equal(env.EXTERNAL, "first");

    const worker = await deploy("worker");
    assert.equal(worker.status, "failed");
    assert.match(
      worker.error?.message ?? "",
      /WORKER_TOKEN is tfoutput:dev\/token, a sensitive output: quikship never stores/,
    );
    assert.equal(target.handed.filter((h) => h.service === "worker").length, 0);
    const dump = await dumpTables(db);
    assert.ok(dump.includes("app-dev"));
    assert.ok(!dump.includes(PLANTED), "the sensitive output was stored");
  });
});
