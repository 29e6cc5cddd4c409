import { loadPlatform } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { ManualClock } from "../../src/engine/clock.js";
import { createEngine } from "../../src/engine/index.js";
import type { Engine, EngineObserver } from "../../src/engine/index.js";
import type { StepHandler } from "../../src/engine/steps/handler.js";
import type { Db } from "../../src/store/database.js";
import type { Targets } from "../../src/targets/target.js";
import type { Images } from "../../src/registry/images.js";
import { writeTree } from "../config/support.js";
import type { TestDatabase } from "../support/databases.js";

export const START = Date.parse("2026-11-16T15:00:00Z");

export const PLATFORM = `version: 1
name: engine
stacks:
  node: { port: 3000, healthPath: /health }
services:
  api: { stack: node }
  web: { stack: node }
environments:
  dev: { tier: nonprod, lock: runLatest, tests: [{ name: hello, command: "echo hello from $ENVIRONMENT; echo token=$API_TOKEN" }] }
  qa: { tier: nonprod, from: dev, tests: [{ name: fails, command: "echo broken >&2; exit 3", required: false }] }
variableGroups:
  Dev: { kind: environment, environments: [dev], variables: { API_TOKEN: { secret: "env:QUIKSHIP_TEST_API_TOKEN" } } }
`;

export function testPlatform(text = PLATFORM): Platform {
  const result = loadPlatform(writeTree({ "quikship.yaml": text }));
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.platform;
}

export interface Harness {
  engine: Engine;
  clock: ManualClock;
  db: Db;
}

/** An engine on a fresh, migrated database of the block's dialect, with a manual clock. */
export async function harness(
  t: TestDatabase,
  options: {
    handlers?: StepHandler[];
    targets?: Targets;
    images?: Images;
    platform?: Platform | (() => Platform);
    owner?: string;
    observer?: EngineObserver;
  } = {},
): Promise<Harness> {
  const db = await t.open(await t.createMigratedDatabase());
  const clock = new ManualClock(START);
  const engine = createEngine({
    db,
    platform: options.platform ?? testPlatform(),
    clock,
    ...(options.targets ? { targets: options.targets } : {}),
    ...(options.images ? { images: options.images } : {}),
    handlers: options.handlers ?? [],
    owner: options.owner ?? "test-server",
    ...(options.observer ? { observer: options.observer } : {}),
    leaseMs: 30_000,
  });
  return { engine, clock, db };
}

/** Moves the clock in small steps, draining the worker each time, until the runs settle. */
export async function settle(h: Harness, stepMs = 250, steps = 40): Promise<void> {
  await h.engine.worker.drain();
  for (let i = 0; i < steps; i++) {
    h.clock.advance(stepMs);
    await h.engine.worker.drain();
  }
}
