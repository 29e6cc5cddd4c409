/**
 * Every cron the platform declares — a scheduled environment's promotions (`schedule`), terraform
 * drift checks (`driftSchedule`) and registry pruning (`registry.retention.schedule`) — on two
 * servers sharing one PostgreSQL database: engines of their own connections and a manual clock,
 * in this process, so the time of the crons is reached without waiting for it.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadPlatform } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { ManualClock } from "../../src/engine/clock.js";
import { createEngine } from "../../src/engine/index.js";
import type { Engine } from "../../src/engine/index.js";
import type { RunView } from "../../src/engine/types.js";
import { RegistryImages } from "../../src/registry/images.js";
import { openDatabase } from "../../src/store/database.js";
import type { Db } from "../../src/store/database.js";
import { migrate } from "../../src/store/migrate.js";
import { findOccurrence } from "../../src/store/schedule/occurrences.js";
import { removeTrees, writeTree } from "../config/support.js";
import { START } from "../engine/support.js";
import { fakeTargets } from "../support/fake-target.js";
import { pushImage } from "../support/oci-image.js";
import { createTestDatabase, startPostgres } from "../support/postgres.js";
import type { PostgresServer, TestDatabaseHandle } from "../support/postgres.js";
import { startRegistry } from "../support/registry.js";
import type { TestRegistry } from "../support/registry.js";

/** 03:00 UTC after the start (2026-11-16T15:00Z): the time all three crons name. */
const FIRST = Date.parse("2026-11-17T03:00:00Z");
const DAY = 86_400_000;

function platformFor(registry: TestRegistry): Platform {
  const dir = writeTree({
    "module/main.tf": 'resource "terraform_data" "marker" {}\n',
    "quikship.yaml": `version: 1
name: crons
registry:
  server: "${registry.host}"
  retention: { keep: 1, schedule: { cron: "0 3 * * *" } }
stacks: { node: { port: 3000 } }
services:
  api: { stack: node, image: "${registry.host}/crons/api" }
environments:
  dev: { tier: nonprod }
  uat: { tier: preprod, from: dev, deployment: scheduled, schedule: { cron: "0 3 * * *", timezone: UTC } }
terraform:
  workingDirectory: module
  environments:
    dev: { driftSchedule: "0 3 * * *" }
`,
  });
  const result = loadPlatform(`${dir}/quikship.yaml`);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.platform;
}

describe("every cron the platform declares, on two servers sharing PostgreSQL", () => {
  let postgres: PostgresServer;
  let database: TestDatabaseHandle;
  let registry: TestRegistry;
  const dbs: Db[] = [];
  let a: Engine;
  let b: Engine;
  let db: Db;
  const clock = new ManualClock(START);

  before(async () => {
    [postgres, registry] = await Promise.all([startPostgres(), startRegistry()]);
    database = await createTestDatabase(postgres.url);
    for (const tag of ["v1", "v2", "v3"]) await pushImage(registry, "crons/api", tag, { content: `api ${tag}` });
    const platform = platformFor(registry);
    const open = async () => {
      const opened = await openDatabase({ url: database.url });
      dbs.push(opened);
      return opened;
    };
    db = await open();
    await migrate(db);
    const server = async (owner: string) =>
      createEngine({
        db: await open(),
        platform,
        clock,
        targets: fakeTargets({}),
        images: new RegistryImages(() => platform),
        owner,
        leaseMs: 30_000,
      });
    [a, b] = [await server("server-a"), await server("server-b")];
  });
  after(async () => {
    for (const opened of dbs.splice(0)) await opened.close();
    await database?.drop();
    await Promise.all([postgres?.stop(), registry?.stop()]);
    removeTrees();
  });

  const scheduled = async (): Promise<RunView[]> =>
    (await a.api.list({})).filter((r) => r.actor === "quikship" && r.kind !== "deploy");
  /** Both servers look twice, at the same time, as their timers do every second. */
  const bothLook = () => Promise.all([a.timers(), b.timers(), a.timers(), b.timers()]);

  it("makes each occurrence of each kind one run, recorded once in schedule_occurrences", async () => {
    const deploy = await a.api.submit(
      { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v3" } },
      "alice",
    );
    for (let i = 0; i < 40 && (await a.api.get(deploy.id)).status !== "succeeded"; i++) {
      await a.worker.drain();
      clock.advance(250);
    }
    assert.equal((await a.api.get(deploy.id)).status, "succeeded");
    await bothLook();
    assert.deepEqual(await scheduled(), [], "nothing is due before 03:00");

    for (const [day, at] of [FIRST, FIRST + DAY].entries()) {
      clock.set(at + 1000);
      await bothLook();
      const runs = await scheduled();
      const kinds = runs.map((r) => {
        const action = r.request.params.action;
        return typeof action === "string" ? `${r.kind} ${action}` : r.kind;
      });
      assert.deepEqual(
        kinds.sort(),
        Array.from({ length: day + 1 }, () => ["infra drift", "promote", "registry-prune"])
          .flat()
          .sort(),
        `day ${day + 1}: one run of each kind per time, of four looks by two servers`,
      );
      const time = new Date(at).toISOString();
      const keys = [`scheduled/uat/${time}/v3`, `drift/dev/${time}`, `registry-prune/${time}`];
      const occurrences = await Promise.all(keys.map((key) => findOccurrence(db.kysely, key)));
      assert.deepEqual(
        occurrences.map((o) => o?.claimed_by !== undefined && ["server-a", "server-b"].includes(o.claimed_by)),
        [true, true, true],
      );
      const ids = new Set(runs.map((r) => r.id));
      for (const o of occurrences) assert.ok(ids.has(o?.run_id ?? ""), `${o?.key} started ${o?.run_id}`);
    }
  });
});
