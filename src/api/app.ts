/**
 * The HTTP API as a fastify app, built but not listening: the server command listens, tests
 * inject. Routes under /v1 need a bearer token; probes, metrics and the docs do not.
 */
import { join } from "node:path";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { LogController } from "fastify";
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import type { AuditAnchor } from "../audit/verify.js";
import type { Platform } from "../config/types.js";
import type { EngineApi } from "../engine/api.js";
import { systemClock } from "../engine/clock.js";
import type { Clock } from "../engine/clock.js";
import { UnavailableError } from "../errors.js";
import type { Db } from "../store/db.js";
import type { Targets } from "../targets/target.js";
import { urlForLog } from "../server/scrub.js";
import { VERSION } from "../version.js";
import { ensureAdminToken } from "./admin-token.js";
import { authenticate } from "./auth.js";
import { authorize, requireDeclaredPermissions, requirePublicDeclared } from "./permission.js";
import { PlatformHolder } from "../reload/holder.js";
import type { SignInService } from "./sign-in/service.js";
import { signInFromPlatform } from "./sign-in/provider.js";
import { registerSignInRoutes } from "./routes/sign-in.js";
import type { ApiContext } from "./context.js";
import { registerDashboard } from "./dashboard.js";
import { BODY_LIMITS, checkJsonLimits, parseJsonBody } from "./body-limits.js";
import { clientErrorHandler, frameworkErrors, installErrorHandlers } from "./errors.js";
import { createMetrics } from "./metrics.js";
import type { Metrics } from "./metrics.js";
import { requireOperationContract } from "./operations.js";
import { registerAccessRoutes } from "./routes/access.js";
import { registerAuditRoutes } from "./routes/audit.js";
import { registerApprovalRoutes } from "./routes/approvals.js";
import { registerArtifactRoutes } from "./routes/artifacts.js";
import { registerRegistryRoutes } from "./routes/registry.js";
import { registerScanRoutes } from "./routes/scans.js";
import { OFFLINE_IMAGES } from "../registry/images.js";
import type { Images } from "../registry/images.js";
import { registerEventRoutes } from "./routes/events.js";
import { registerExplainRoutes } from "./routes/explain.js";
import { registerHealthRoutes } from "./routes/health.js";
import { registerHistoryRoutes } from "./routes/history.js";
import { registerLiveRoutes } from "./routes/live.js";
import { registerLogRoutes } from "./routes/logs.js";
import { registerPlatformRoutes } from "./routes/platform.js";
import { registerPreviewRoutes } from "./routes/preview.js";
import { registerReleaseRoutes } from "./routes/releases.js";
import { registerRunRoutes } from "./routes/runs.js";
import { registerInfraRoutes } from "./routes/infra.js";
import type { InfraSettings } from "../infra/workspace.js";
import { registerServerRoutes } from "./routes/servers.js";
import { registerStatusRoutes } from "./routes/status.js";
import { registerTokenRoutes } from "./routes/tokens.js";
import { registerTrafficRoutes } from "./routes/traffic.js";
import { registerWhoamiRoutes } from "./routes/whoami.js";
import { jsonSerializerCompiler, zodToOpenApi, zodValidatorCompiler } from "./zod.js";
import type { ZodTypeProvider } from "./zod.js";

export interface AppOptions {
  engine: EngineApi;
  /** The platform at start; `platforms` when the server reloads it. */
  platform: Platform;
  platforms?: PlatformHolder;
  reload?: ApiContext["reload"];
  /** The git source's state, on a server whose platform comes from git. */
  platformSource?: ApiContext["platformSource"];
  /** Single sign-on (made from the platform's `signIn.oidc` when not given). */
  signIn?: SignInService;
  db: Db;
  /** Where each environment runs, for the status matrix (only asked, never told). */
  targets: Targets;
  /** Where the first-start admin token is written (`admin.token`), when the app gets ready. */
  stateDir: string;
  logger: Logger;
  clock?: Clock;
  /** The registry and observer the engine reports to; a fresh pair when not given. */
  metrics?: Metrics;
  /** The audit key and checkpoint sink: `audit verify` checks the signed checkpoints too. */
  auditAnchor?: AuditAnchor | undefined;
  /** The registries images are read at (scan reports by tag); absent: none (offline). */
  images?: Images;
  /** Where the server runs terraform (infra unlock); absent: `<stateDir>/infra` with the platform's backend. */
  infra?: InfraSettings;
  /** This server's id in leases, marked `self` in `GET /v1/servers`. */
  serverId?: string;
  /** Serve the dashboard at `/` from this built directory (undefined: a page saying it is not built). Absent: no dashboard. */
  dashboard?: { dir: string | undefined };
  /** Reverse proxies whose X-Forwarded-* headers are believed (`--trust-proxy`); absent or empty: none. */
  trustProxy?: string[];
}

const OPENAPI = {
  openapi: "3.0.3",
  info: {
    title: "quikship API",
    version: VERSION,
    license: { name: "Apache-2.0", url: "https://www.apache.org/licenses/LICENSE-2.0" },
    description:
      "The control plane's API. Errors are `{error: {kind, message, details}}`; times are milliseconds since the epoch.",
  },
  // Paths are absolute (`/v1/...`): the server that serves this document serves the API.
  servers: [{ url: "/", description: "The quikship server that serves this document." }],
  components: {
    securitySchemes: {
      bearer: {
        type: "http" as const,
        scheme: "bearer",
        description: "A token: `quikship token create`, or <state>/admin.token.",
      },
    },
  },
  security: [{ bearer: [] }],
  tags: [
    { name: "runs", description: "Deploys, rollbacks, promotions and other durable operations." },
    { name: "approvals", description: "Deciding on runs that wait at an approval gate." },
    { name: "services", description: "What runs where: status, revision history, instance logs, deploy previews." },
    { name: "tokens", description: "Bearer tokens, managed by administrators." },
    { name: "audit", description: "The hash-chained audit log and its verification." },
    { name: "auth", description: "Who the caller is; single sign-on (`/auth/*`: no token needed)." },
    { name: "health", description: "Probes and metrics; no token needed." },
    { name: "platform", description: "Who may do what, and the platform file's versions and reload." },
    { name: "artifacts", description: "Images in the registry: digests, scan reports, the security gate's evidence." },
    { name: "infra", description: "Terraform runs' state per environment: outputs, drift, state locks." },
  ],
};

/** A request as the log shows it: fastify's fields, with credentials in the URL redacted. */
export function requestForLog(req: FastifyRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: urlForLog(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * One line per request, once answered (fastify's own logging writes two). Reads that succeed are
 * logged at debug: a hundred dashboards polling the matrix would otherwise fill the log.
 */
class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) {
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, "request errored");
      return;
    }
    const read = (request.method === "GET" || request.method === "HEAD") && reply.statusCode < 400;
    reply.log[read ? "debug" : "info"](
      { req: request, res: reply, responseTime: reply.elapsedTime },
      "request completed",
    );
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { engine, platform, db, targets, stateDir, logger } = options;
  const clock = options.clock ?? systemClock;
  const metrics = options.metrics ?? createMetrics();
  const closing = new AbortController();
  const platforms = options.platforms ?? new PlatformHolder({ platform, version: 0, hash: "" });
  const fromPlatform = signInFromPlatform();
  const signIn = (): SignInService | undefined => options.signIn ?? fromPlatform(platforms.current());
  const context: ApiContext = {
    engine,
    get platform() {
      return platforms.current();
    },
    platforms,
    reload: options.reload,
    platformSource: options.platformSource ?? (() => undefined),
    get signIn() {
      return signIn();
    },
    db,
    clock,
    logger,
    targets,
    stateDir,
    images: options.images ?? OFFLINE_IMAGES,
    infra: options.infra ?? { rootDir: join(stateDir, "infra"), backend: "platform" },
    auditAnchor: options.auditAnchor,
    serverId: options.serverId,
    closing: closing.signal,
  };
  const current = (): Platform => platforms.current();

  // fastify logs each request's URL: an event stream's `?access_token=` must not reach the log.
  const loggerInstance: FastifyBaseLogger = logger.child({}, { serializers: { req: requestForLog } });
  // While closing, requests on kept-alive connections get our error body, not fastify's own.
  const app = Fastify({
    loggerInstance,
    return503OnClosing: false,
    logController: new RequestLog(),
    bodyLimit: BODY_LIMITS.bytes,
    clientErrorHandler,
    frameworkErrors,
    ...(options.trustProxy?.length ? { trustProxy: options.trustProxy } : {}),
  });
  // Every JSON body is checked against the limits as it is parsed, before any route sees it.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(jsonSerializerCompiler);
  installErrorHandlers(app);
  // Path and query values meet the same string rules as bodies: no NUL (PostgreSQL cannot take one), no lone surrogate.
  app.addHook("preValidation", (request, _reply, done) => {
    try {
      checkJsonLimits(request.params, "path");
      checkJsonLimits(request.query, "query");
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  app.addHook("onReady", async () => {
    const { path, outcome } = await ensureAdminToken({ db, stateDir, clock });
    if (outcome !== "present") logger.info({ path, outcome }, "admin token file ready");
  });
  app.addHook("onRequest", (_request, _reply, done) => {
    done(closing.signal.aborted ? new UnavailableError("the server is shutting down; retry in a moment") : undefined);
  });
  app.addHook("preClose", (done) => {
    closing.abort();
    done();
  });

  requireOperationContract(app);
  requirePublicDeclared(app);
  await app.register(swagger, { openapi: OPENAPI, transform: zodToOpenApi });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  app.get("/openapi.json", { schema: { hide: true } }, () => app.swagger());

  registerHealthRoutes(app.withTypeProvider<ZodTypeProvider>(), { ...context, metrics });
  registerSignInRoutes(app.withTypeProvider<ZodTypeProvider>(), context);
  await app.register(
    (v1, _options, done) => {
      v1.addHook("onRequest", authenticate({ db, clock, platform: current, refresher: () => signIn() }));
      v1.addHook("preHandler", authorize({ engine, platform: current }));
      requireDeclaredPermissions(v1, app);
      const routes = v1.withTypeProvider<ZodTypeProvider>();
      registerWhoamiRoutes(routes, context);
      registerRunRoutes(routes, context);
      registerEventRoutes(routes, context);
      registerTokenRoutes(routes, context);
      registerStatusRoutes(routes, context);
      registerHistoryRoutes(routes, context);
      registerReleaseRoutes(routes, context);
      registerLogRoutes(routes, context);
      registerPreviewRoutes(routes, context);
      registerApprovalRoutes(routes, context);
      registerExplainRoutes(routes, context);
      registerArtifactRoutes(routes, context);
      registerRegistryRoutes(routes, context);
      registerScanRoutes(routes, context);
      registerAuditRoutes(routes, context);
      registerPlatformRoutes(routes, context);
      registerLiveRoutes(routes, context);
      registerTrafficRoutes(routes, context);
      registerAccessRoutes(routes, context);
      registerInfraRoutes(routes, context);
      registerServerRoutes(routes, context);
      done();
    },
    { prefix: "/v1" },
  );
  if (options.dashboard !== undefined) registerDashboard(app, options.dashboard.dir);
  return app;
}
