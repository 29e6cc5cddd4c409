import { afterEach, beforeEach } from "node:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { pino } from "pino";
import { buildApp } from "../../src/api/app.js";
import { createMetrics } from "../../src/api/metrics.js";
import type { Metrics } from "../../src/api/metrics.js";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { ManualClock } from "../../src/engine/clock.js";
import type { Db } from "../../src/store/db.js";
import { writeTree } from "../config/support.js";
import { FakeEngine } from "../support/fake-engine.js";
import { personalToken } from "../support/tokens.js";
import { FakeTarget, fakeTargets } from "../support/fake-target.js";
import type { Targets } from "../../src/targets/target.js";

export const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

/** Two services, two environments; alice administers, bob develops. */
export const PLATFORM_YAML = `version: 1
name: shop
stacks:
  node:
    port: 3000
    healthPath: /healthz
services:
  web:
    stack: node
  api:
    stack: node
environments:
  dev:
    tier: nonprod
    target: local
    router: { port: 7101 }
  qa:
    from: dev
    tier: nonprod
    target: local
    router: { port: 7102 }
users:
  alice: { name: Alice }
  bob: {}
groups:
  Platform:
    members: [alice]
    admin: true
  Developers:
    members: [bob]
`;

export function testPlatform(yaml = PLATFORM_YAML): Platform {
  return loadPlatformOrThrow(writeTree({ "quikship.yaml": yaml })).platform;
}

export interface TestApp {
  app: FastifyInstance;
  engine: FakeEngine;
  /** The target of every environment unless `startTestApp` was given others. */
  target: FakeTarget;
  clock: ManualClock;
  metrics: Metrics;
  stateDir: string;
  /** The first-start token from <state>/admin.token. */
  adminToken: string;
  /** Authorization headers for a token. */
  auth(token: string): { authorization: string };
  /** Issues a token to a user through the API, as the admin: it acts as the user but never approves. */
  tokenFor(user: string): Promise<{ id: string; token: string }>;
  /** A personal token of the user, as if they had signed in and made it: it may approve. */
  personalTokenFor(user: string): Promise<{ id: string; token: string }>;
  close(): Promise<void>;
}

/** An app on a real database, with a FakeEngine, FakeTargets, a manual clock and a fresh state directory. */
export async function startTestApp(
  db: Db,
  options: { platformYaml?: string; targets?: (target: FakeTarget) => Targets } = {},
): Promise<TestApp> {
  const platform = testPlatform(options.platformYaml);
  const clock = new ManualClock(T0);
  const engine = new FakeEngine(platform, clock, db);
  const metrics = createMetrics();
  const stateDir = mkdtempSync(join(tmpdir(), "quikship-state-"));
  const target = new FakeTarget();
  const targets = options.targets?.(target) ?? fakeTargets({}, target);
  const app = await buildApp({
    engine,
    platform,
    db,
    targets,
    stateDir,
    logger: pino({ level: "silent" }),
    clock,
    metrics,
  });
  await app.ready();
  const adminToken = readFileSync(join(stateDir, "admin.token"), "utf8").trim();
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    app,
    engine,
    target,
    clock,
    metrics,
    stateDir,
    adminToken,
    auth,
    async tokenFor(user) {
      const res = await app.inject({ method: "POST", url: "/v1/tokens", headers: auth(adminToken), payload: { user } });
      if (res.statusCode !== 201) throw new Error(`issuing a token to ${user} failed: ${res.statusCode} ${res.body}`);
      return res.json<{ id: string; token: string }>();
    },
    personalTokenFor: (user) => personalToken(db, platform, user, clock.now()),
    async close() {
      await app.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** A test's app and the token of "bob", made afresh for each test by `eachTestApp`. */
export interface EachTestApp {
  readonly s: TestApp;
  readonly bob: string;
  /** A GET as bob. */
  readonly get: (url: string) => Promise<LightMyRequestResponse>;
}

/**
 * Registers a fresh app for each test of the block (and closes it after): the API's tables
 * emptied first, and `clear` for the others the block writes.
 */
export function eachTestApp(
  t: { readonly db: Db },
  options: { platformYaml?: string; clear?: (db: Db) => Promise<void> } = {},
): EachTestApp {
  let s: TestApp | undefined;
  let bob = "";
  beforeEach(async () => {
    await clearTables(t.db);
    await options.clear?.(t.db);
    s = await startTestApp(t.db, { platformYaml: options.platformYaml });
    bob = (await s.tokenFor("bob")).token;
  });
  afterEach(() => s?.close());
  const handle: EachTestApp = {
    get s() {
      if (s === undefined) throw new Error("the app exists only inside a test");
      return s;
    },
    get bob() {
      return bob;
    },
    get: (url) => handle.s.app.inject({ url, headers: handle.s.auth(bob) }),
  };
  return handle;
}

/** Empties the tables the API writes, so each test starts clean on the shared database. */
export async function clearTables(db: Db): Promise<void> {
  await db.kysely.deleteFrom("audit").execute();
  await db.kysely.deleteFrom("audit_checkpoints").execute();
  await db.kysely.deleteFrom("tokens").execute();
  await db.kysely.deleteFrom("sessions").execute();
}

export function errorOf(res: LightMyRequestResponse): { kind: string; message: string; details?: unknown } {
  return res.json<{ error: { kind: string; message: string; details?: unknown } }>().error;
}
