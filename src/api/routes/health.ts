import * as z from "zod";
import { UnavailableError } from "../../errors.js";
import type { Db } from "../../store/db.js";
import { migrationVersion } from "../../store/health/version.js";
import { MIGRATIONS } from "../../store/migrations/index.js";
import type { ApiContext } from "../context.js";
import { errorBody } from "../errors.js";
import type { Metrics } from "../metrics.js";
import type { ZodApp } from "../zod.js";
import { PUBLIC } from "../permission.js";

/** A database that does not answer within this is not ready. */
const READY_TIMEOUT_MS = 2_000;

const ok = z.object({ status: z.literal("ok") });
const ready = z.object({ status: z.literal("ready"), migration: z.number() });

async function checkReady(db: Db): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new UnavailableError(`the database did not answer within ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
  });
  try {
    const version = await Promise.race([
      migrationVersion(db.kysely).catch((error: unknown) => {
        throw new UnavailableError(
          `the database cannot be queried: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }),
      timeout,
    ]);
    if (version < MIGRATIONS.length) {
      throw new UnavailableError(`the database is at migration ${version} of ${MIGRATIONS.length}`, {
        details: { migration: version, expected: MIGRATIONS.length },
      });
    }
    return version;
  } finally {
    clearTimeout(timer);
  }
}

/** A probe answers 400 only to a request fastify cannot read (a malformed URL). */
const malformed = { 400: errorBody } as const;

/** Probes and metrics: no token needed. */
export function registerHealthRoutes(app: ZodApp, { db, metrics }: ApiContext & { metrics: Metrics }): void {
  const tags = ["health"];
  const security: [] = [];

  app.get(
    "/healthz",
    {
      config: { permission: PUBLIC },
      schema: {
        operationId: "checkLive",
        tags,
        security,
        summary: "The process is alive",
        response: { 200: ok, ...malformed },
      },
    },
    () => ({ status: "ok" as const }),
  );

  app.get(
    "/readyz",
    {
      config: { permission: PUBLIC },
      schema: {
        operationId: "checkReady",
        tags,
        security,
        summary: "The database answers and is fully migrated",
        response: { 200: ready, ...malformed, 503: errorBody },
      },
    },
    async () => ({ status: "ready" as const, migration: await checkReady(db) }),
  );

  app.get(
    "/metrics",
    {
      config: { permission: PUBLIC },
      schema: {
        operationId: "getMetrics",
        tags,
        security,
        summary: "Prometheus metrics",
        produces: ["text/plain"],
        response: { 200: z.string().describe("The Prometheus text format."), ...malformed },
      },
    },
    async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
