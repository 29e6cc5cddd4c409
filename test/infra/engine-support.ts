import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { ManualClock } from "../../src/engine/clock.js";
import { type Engine, createEngine } from "../../src/engine/index.js";
import type { RunView } from "../../src/engine/types.js";
import type { InfraSettings } from "../../src/infra/workspace.js";
import type { Db } from "../../src/store/database.js";
import type { TestDatabase } from "../support/databases.js";

export const QUIKAPP = join(import.meta.dirname, "..", "..", "examples", "quikapp", "quikship.yaml");

/** Monday 2026-11-16 15:00 UTC: 10:00 in New York, inside live's deployment window. */
export const MONDAY = Date.parse("2026-11-16T15:00:00Z");

export function quikapp(): Platform {
  return loadPlatformOrThrow(QUIKAPP).platform;
}

export interface InfraHarness {
  engine: Engine;
  clock: ManualClock;
  db: Db;
  settings: InfraSettings;
  cleanup(): void;
}

/**
 * An engine on a fresh database of the block's dialect, running the real terraform with a local
 * backend override: each environment's state in a throwaway directory, nothing on the network.
 */
export async function infraHarness(t: TestDatabase, platform: Platform = quikapp()): Promise<InfraHarness> {
  const db = await t.open(await t.createMigratedDatabase());
  const clock = new ManualClock(MONDAY);
  const rootDir = mkdtempSync(join(tmpdir(), "quikship-infra-"));
  const settings: InfraSettings = { rootDir, backend: "local" };
  const engine = createEngine({ db, platform, clock, infra: settings, owner: "test-server", leaseMs: 30_000 });
  return { engine, clock, db, settings, cleanup: () => rmSync(rootDir, { recursive: true, force: true }) };
}

/** Drains the worker, moving the clock a little each time, until the run stops moving. */
export async function settleRun(h: InfraHarness, id: string, rounds = 20): Promise<RunView> {
  for (let i = 0; i < rounds; i++) {
    await h.engine.worker.drain();
    const run = await h.engine.api.get(id);
    if (run.status !== "queued" && run.status !== "running" && !(run.waitReason?.kind === "timer")) return run;
    h.clock.advance(1_000);
  }
  return h.engine.api.get(id);
}

export const stepsOf = (run: RunView) => run.stages.flatMap((s) => s.steps);
