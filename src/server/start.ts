/**
 * Starting and stopping the server: database (migrated), engine, API. Listening is the last
 * step of starting, so a server that answers is fully ready; stopping undoes in reverse order.
 */
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { buildApp } from "../api/app.js";
import { recordPlatformLoad, SYSTEM_ACTOR } from "../audit/index.js";
import { loadAuditKey } from "../audit/key-source.js";
import { CheckpointSink } from "../audit/sink.js";
import type { PlatformHolder } from "../reload/holder.js";
import type { ReloadResult, ReloadSource } from "../reload/reload.js";
import { openPlatformSource } from "./platform-source.js";
import type { GitOptions, PlatformSource } from "./platform-source.js";
import { ADMIN_TOKEN_FILE } from "../api/admin-token.js";
import { dashboardDir } from "../api/dashboard.js";
import { createMetrics } from "../api/metrics.js";
import type { Platform } from "../config/types.js";
import { systemClock } from "../engine/clock.js";
import { createEngine, DEFAULT_LEASE_MS } from "../engine/index.js";
import { ConflictError, InputError } from "../errors.js";
import { openDatabase } from "../store/database.js";
import type { Db } from "../store/db.js";
import { migrate } from "../store/migrate.js";
import { redactUrl } from "../store/url.js";
import { TrafficGenerator } from "../targets/local-traffic.js";
import { unresolvedSecrets } from "../platform/unresolved-secrets.js";
import type { UnresolvedSecrets } from "../platform/unresolved-secrets.js";
import { LocalTarget } from "../targets/local.js";
import { OFFLINE_IMAGES, RegistryImages } from "../registry/images.js";
import { lazyKubernetesTarget } from "../targets/kubernetes/lazy.js";
import { storedManifests } from "./manifests.js";
import { checkTargets, platformTargets, singleTarget, testTargetFromEnv } from "../targets/registry.js";
import type { RouterStatus } from "../targets/types.js";
import { VERSION } from "../version.js";
import { serverIdentity } from "./identity.js";
import { Presence } from "./presence.js";
import { readServers } from "../api/servers.js";
import { createServerLogger } from "./logger.js";
import { makePrivate } from "./private.js";

/** The checkpoint sink's file in the state directory, when no other is given. */
export const AUDIT_SINK_FILE = "audit-checkpoints.jsonl";
/** How often committed checkpoints are copied to the sink. */
const SINK_INTERVAL_MS = 1000;

export interface ServerOptions {
  /** The platform as loaded from its file (absent with `platformGit`). */
  platform?: Platform;
  /** The platform file, loaded again by a reload (POST /v1/platform/reload, SIGHUP). */
  platformPath?: string;
  /** The platform read from a git ref instead, watched (a reload fetches it at once). */
  platformGit?: GitOptions;
  stateDir: string;
  host: string;
  port: number;
  /** postgres://... or sqlite:PATH; SQLite at `<state>/quikship.db` when not given. */
  databaseUrl: string | undefined;
  /** Every environment on the local target; the agent and its instances stop with the server. */
  local?: boolean;
  /** With `local`: each router on a port the system chooses instead of the environment's `router.port`. */
  ephemeralRouters?: boolean;
  /** With `local`: requests a second a synthetic user sends to each service whose traffic is split (0: none). */
  trafficRate?: number;
  /** The kubeconfig of the environments on the kubernetes target (else $KUBECONFIG, ~/.kube/config, the pod's service account). */
  kubeconfig?: string | undefined;
  /** The audit key's PEM file (else `QUIKSHIP_AUDIT_KEY_FILE`, else the PEM text in `QUIKSHIP_AUDIT_KEY`); never inside the state directory. */
  auditKey?: string | undefined;
  /** Where signed checkpoints are appended (else `QUIKSHIP_AUDIT_SINK`, else `<state>/audit-checkpoints.jsonl`). */
  auditSink?: string | undefined;
  /** How long a claim of a run lasts unless renewed (default DEFAULT_LEASE_MS: 3 s). */
  leaseMs?: number;
  /** Where infra runs keep terraform state: the platform's backend (default), or a local file per environment. */
  terraformBackend?: "platform" | "local";
  /** Reverse proxies whose X-Forwarded-* headers are believed (see trust-proxy.ts); none when absent. */
  trustProxy?: string[];
}

export interface RunningServer {
  url: string;
  /** The name of the platform in use at start. */
  platformName: string;
  /** The database as shown to people: a path, or a url with its password hidden. */
  database: string;
  logPath: string;
  adminTokenPath: string;
  /** The local routers, in ladder order (with --local). */
  routers: RouterStatus[];
  /** With --local: per environment, the secrets that do not resolve here and are left unset. */
  unresolvedSecrets: UnresolvedSecrets[];
  /** Loads the platform file again (as SIGHUP does); refuses an invalid one and keeps the one in use. */
  reload(source: ReloadSource): Promise<ReloadResult>;
  /** Stops accepting, lets the engine persist what it is doing, closes the database. */
  stop(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const auditKey = loadAuditKey({ file: options.auditKey, env: process.env, stateDir: options.stateDir });
  await mkdir(options.stateDir, { recursive: true, mode: 0o700 });
  const { logger, path: logPath } = createServerLogger(options.stateDir);
  const databaseUrl = options.databaseUrl ?? `sqlite:${join(options.stateDir, "quikship.db")}`;
  const opened = await openDatabase({ url: databaseUrl });
  // Whatever existed before: the directory and what it holds are the owner's alone.
  await makePrivate(options.stateDir);
  const db: Db = auditKey === undefined ? opened : { ...opened, auditSigner: auditKey };
  const sinkPath = resolve(
    options.auditSink ?? (process.env.QUIKSHIP_AUDIT_SINK || join(options.stateDir, AUDIT_SINK_FILE)),
  );
  const auditAnchor = auditKey === undefined ? undefined : { key: auditKey, sinkPath };
  const sink = auditKey === undefined ? undefined : new CheckpointSink(sinkPath);
  if (auditKey === undefined)
    logger.warn("no audit key: the audit log is hash-chained but not anchored (see docs/audit.md)");
  else logger.info({ keyId: auditKey.keyId, sink: sinkPath }, "audit log anchored");
  let app: FastifyInstance | undefined;
  // The agent of the state directory is started by the target when something needs it.
  const local = new LocalTarget({ stateDir: options.stateDir, ephemeralRouters: options.ephemeralRouters === true });
  let copying: NodeJS.Timeout | undefined;
  let traffic: TrafficGenerator | undefined;
  let presence: Presence | undefined;
  let platformSource: PlatformSource | undefined;
  try {
    const migrated = await migrate(db);
    logger.info(
      { database: redactUrl(databaseUrl), applied: migrated.applied, version: migrated.version },
      "database ready",
    );
    const source = await openPlatformSource({
      db,
      clock: systemClock,
      logger,
      stateDir: options.stateDir,
      platform: options.platform,
      platformPath: options.platformPath,
      git: options.platformGit,
      // Fails the unstarted runs the new version no longer allows.
      afterStore: async (version) => {
        const failed = await engine.recheck(version);
        if (failed.length > 0) logger.info({ version, runs: failed }, "runs the new platform refuses failed");
      },
    });
    platformSource = source;
    const { holder } = source;
    const platform = holder.current();
    await recordPlatformLoad(
      db,
      platform,
      { server: serverIdentity(options.stateDir), version: VERSION },
      systemClock.now(),
    );
    const reloadSource = source.reload;
    const reload = async (source: ReloadSource): Promise<ReloadResult> => {
      const by = source === "signal" ? SYSTEM_ACTOR : "admin";
      try {
        if (reloadSource === undefined) throw new ConflictError("this server was not started from a platform file");
        const result = await reloadSource({ by, source });
        logger.info({ version: result.version, outcome: result.outcome, source }, "platform loaded again");
        return result;
      } catch (error) {
        logger.error({ err: error, source }, "platform reload refused; the version in use stays");
        throw error;
      }
    };
    const serverId = serverIdentity(options.stateDir);
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    presence = new Presence({
      db,
      clock: systemClock,
      id: serverId,
      leaseMs,
      onError: (error) => logger.warn({ err: error }, "heartbeat not written"),
    });
    await presence.start();
    const metrics = createMetrics(
      async () => {
        const now = systemClock.now();
        return { now, servers: await readServers(db.kysely, now, serverId) };
      },
      () => db.changes.stats(),
    );
    // The crash tests bind every environment to a target that counts effects.
    const targets =
      testTargetFromEnv(process.env.QUIKSHIP_TEST_TARGET) ??
      (options.local
        ? singleTarget(local)
        : platformTargets({
            local,
            kubernetes: lazyKubernetesTarget({
              kubeconfig: options.kubeconfig,
              clock: systemClock,
              manifests: storedManifests(db, () => holder.current()),
            }),
          }));
    // An environment whose cluster context is missing stops the start; one that does not answer is a warning.
    for (const warning of await checkTargets(targets, Object.values(platform.environments))) logger.warn(warning);
    const routers: RouterStatus[] = [];
    const unset = options.local ? unresolvedSecrets(platform) : [];
    for (const { environment, secrets } of unset)
      logger.warn({ environment, secrets }, "secrets not resolvable here are left unset in this environment");
    if (options.local) {
      for (const name of platform.ladder) routers.push(await local.openRouter(platform.environments[name]!));
    }
    const infra = {
      rootDir: join(options.stateDir, "infra"),
      backend: options.terraformBackend ?? "platform",
    } as const;
    // The local rehearsal and the test targets ask no registry; otherwise tags are pinned to digests (registry: none opts out).
    const offline = options.local === true || process.env.QUIKSHIP_TEST_TARGET !== undefined;
    const images = offline ? OFFLINE_IMAGES : new RegistryImages(() => holder.current());
    const engine = createEngine({
      infra,
      images,
      db,
      platform: () => holder.current(),
      clock: systemClock,
      observer: metrics.observer,
      logger: logger.child({ component: "engine" }),
      targets,
      owner: serverId,
      leaseMs,
    });
    app = await buildApp({
      engine: engine.api,
      platform,
      platforms: holder,
      reload: reloadSource,
      platformSource: () => source.status(),
      db,
      targets,
      stateDir: options.stateDir,
      logger,
      clock: systemClock,
      metrics,
      dashboard: { dir: dashboardDir() },
      auditAnchor,
      infra,
      serverId,
      images,
      trustProxy: options.trustProxy ?? [],
    });
    await listen(app, options.host, options.port);
    engine.start();
    source.start();
    if (options.local && (options.trafficRate ?? 0) > 0) {
      traffic = localTraffic(local, holder, options.trafficRate ?? 0, logger);
      logger.info({ rate: options.trafficRate }, "synthetic traffic to every routed service");
    }
    if (sink !== undefined) {
      await sink.flush(db.kysely);
      copying = setInterval(() => {
        sink
          .flush(db.kysely)
          .catch((error: unknown) => logger.error({ err: error }, "copying audit checkpoints failed"));
      }, SINK_INTERVAL_MS).unref();
    }
    const url = baseUrl(app);
    logger.info({ url }, "listening");
    const listening = app;
    return {
      url,
      platformName: platform.name,
      database: databaseUrl.startsWith("sqlite:") ? databaseUrl.slice("sqlite:".length) : redactUrl(databaseUrl),
      logPath,
      adminTokenPath: join(options.stateDir, ADMIN_TOKEN_FILE),
      routers,
      unresolvedSecrets: unset,
      reload,
      stop: async () => {
        logger.info("stopping");
        traffic?.stop();
        await listening.close();
        await source.stop();
        await engine.stop();
        await presence?.stop().catch((error: unknown) => logger.warn({ err: error }, "stop not recorded"));
        clearInterval(copying);
        await sink?.flush(db.kysely);
        await db.close();
        if (options.local) await local.stopAgent();
        logger.info("stopped");
      },
    };
  } catch (error) {
    clearInterval(copying);
    traffic?.stop();
    await app?.close();
    await platformSource?.stop().catch(() => undefined);
    await presence?.stop().catch(() => undefined);
    await closeQuietly(db);
    // A start that failed (a router's port in use) leaves nothing running behind it.
    if (options.local) await local.stopAgent().catch(() => undefined);
    throw error;
  }
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<void> {
  try {
    await app.listen({ host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL") {
      throw new InputError(
        `cannot listen on ${host}:${port}: ${(error as Error).message}; pass another --port or --host`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** http://HOST:PORT of the listening app, with the port it really got (for --port 0). */
function baseUrl(app: FastifyInstance): string {
  const address = app.server.address();
  if (address === null || typeof address === "string") return String(address);
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

async function closeQuietly(db: Db): Promise<void> {
  await db.close().catch(() => undefined);
}

/** The synthetic user of `--traffic`: peeks at every environment of the platform in use (never starts the agent). */
function localTraffic(local: LocalTarget, holder: PlatformHolder, rate: number, logger: Logger): TrafficGenerator {
  let warned = false;
  const generator = new TrafficGenerator({
    rate,
    peek: () => {
      const platform = holder.current();
      return Promise.all(platform.ladder.map((name) => local.peek(platform.environments[name]!)));
    },
    onError: (error) => {
      if (!warned) logger.warn({ err: error }, "synthetic traffic: the local agent could not be read");
      warned = true;
    },
  });
  generator.start();
  return generator;
}
