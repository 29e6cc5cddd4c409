/**
 * The API on the real engine, for tests of gates: a fresh migrated database of the block's
 * dialect, a ManualClock, a CountingTarget, and the engine driven by `settle` (no worker runs
 * by itself). Each platform user has a personal token, as if they had signed in and made it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { pino } from "pino";
import { buildApp } from "../../src/api/app.js";
import type { Platform } from "../../src/config/types.js";
import type { Images } from "../../src/registry/images.js";
import { CountingTarget } from "../../src/targets/counting.js";
import { singleTarget } from "../../src/targets/registry.js";
import type { TestDatabase } from "../support/databases.js";
import { harness, settle, testPlatform } from "../engine/support.js";
import { personalToken } from "../support/tokens.js";
import type { Harness } from "../engine/support.js";

/** qa → staging → live; dev builds from develop, staging from main, live from tags v*. */
export const GATED_PLATFORM = `version: 1
name: gates
stacks: { node: { port: 3000 } }
services: { api: { stack: node }, web: { stack: node } }
users: { alice: {}, rob: {}, cara: {}, tim: {}, ci: {} }
groups:
  Developers: { members: [alice, ci] }
  Release Manager: { members: [rob], emergencyOverride: true }
  CAB: { members: [cara] }
  CTO: { members: [tim] }
environments:
  dev: { tier: nonprod, triggers: [{ branch: develop }, { branch: "feature/*" }] }
  qa: { tier: nonprod, from: dev }
  staging: { tier: preprod, from: qa, approvals: { groups: [Release Manager], timeout: 1h }, triggers: [{ branch: main }] }
  live:
    tier: prod
    from: staging
    allowSkipTests: false
    approvals: { groups: [CAB, Release Manager, CTO], policy: all }
    windows: { timezone: America/New_York, weekly: [{ days: [mon, tue, wed, thu], from: "09:00", to: "16:00" }, { days: [fri], from: "09:00", to: "12:00" }] }
    triggers: [{ gitTag: "v*" }]
`;

export const USERS = ["alice", "rob", "cara", "tim", "ci"] as const;
export type User = (typeof USERS)[number];

export interface EngineApp extends Harness {
  app: FastifyInstance;
  target: CountingTarget;
  /** A request as a user of the platform (or the admin). */
  as(user: User | "admin", options: InjectOptions): Promise<LightMyRequestResponse>;
  settle(steps?: number): Promise<void>;
  close(): Promise<void>;
}

/** `images`: the registries the engine and the API read (absent: none, offline). */
export async function startEngineApp(
  t: TestDatabase,
  yaml: string | Platform = GATED_PLATFORM,
  options: { images?: (platform: Platform) => Images } = {},
): Promise<EngineApp> {
  const dir = mkdtempSync(join(tmpdir(), "quikship-engine-app-"));
  const target = new CountingTarget(join(dir, "effects.jsonl"));
  const platform = typeof yaml === "string" ? testPlatform(yaml) : yaml;
  const images = options.images?.(platform);
  const h = await harness(t, { targets: singleTarget(target), platform, ...(images ? { images } : {}) });
  const app = await buildApp({
    engine: h.engine.api,
    platform,
    db: h.db,
    targets: singleTarget(target),
    stateDir: dir,
    logger: pino({ level: "silent" }),
    clock: h.clock,
    ...(images ? { images } : {}),
  });
  await app.ready();
  const tokens: Record<string, string> = { admin: readFileSync(join(dir, "admin.token"), "utf8").trim() };
  // People approve: each gets a personal token, as if they had signed in and made it.
  for (const user of USERS)
    if (platform.users[user] !== undefined)
      tokens[user] = (await personalToken(h.db, platform, user, h.clock.now())).token;
  return {
    ...h,
    app,
    target,
    as: (user, options) =>
      app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${tokens[user]}` } }),
    settle: (steps = 8) => settle(h, 250, steps),
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
