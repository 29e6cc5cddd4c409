import { findEnvironment, findService } from "../../platform/lookup.js";
import { fromJson } from "../../store/json.js";
import { listRevisions } from "../../store/revisions/read.js";
import type { RevisionRow } from "../../store/rows.js";
import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import { historyQuery, historyView, serviceNames } from "../service-schemas.js";
import type { RevisionView } from "../service-schemas.js";
import type { ZodApp } from "../zod.js";
import { SIGNED_IN } from "../permission.js";

function view(row: RevisionRow): RevisionView {
  const detail = fromJson(row.detail) as { cause?: unknown; actor?: unknown } | null;
  const text = (v: unknown): string | null => (typeof v === "string" ? v : null);
  return {
    revision: row.number,
    tag: row.tag,
    digest: row.digest,
    replicas: row.replicas,
    status: row.status,
    runId: row.run_id,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
    cause: text(detail?.cause),
    actor: text(detail?.actor),
  };
}

export function registerHistoryRoutes(app: ZodApp, context: ApiContext): void {
  const { db } = context;

  app.get(
    "/history/:environment/:service",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "listRevisions",
        tags: ["services"],
        summary: "A service's revisions in an environment, newest first",
        params: serviceNames,
        querystring: historyQuery,
        response: { 200: historyView, ...commonErrors },
      },
    },
    async (request) => {
      const environment = findEnvironment(context.platform, request.params.environment);
      const service = findService(context.platform, request.params.service);
      const rows = await listRevisions(db.kysely, environment.name, service.name, request.query.limit);
      return { environment: environment.name, service: service.name, revisions: rows.map(view) };
    },
  );
}
