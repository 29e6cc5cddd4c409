import { findEnvironment, findService } from "../../platform/lookup.js";
import { fromJson } from "../../store/json.js";
import type { RevisionRow } from "../../store/rows.js";
import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import { historyQuery, historyView, serviceNames } from "../service-schemas.js";
import type { RevisionView } from "../service-schemas.js";
import type { ZodApp } from "../zod.js";
import { SIGNED_IN, inEnvironment } from "../permission.js";
import { NotFoundError } from "../../errors.js";
import { activeRevisions, findRevision, listRevisions } from "../../store/revisions/read.js";
import { renderingOf } from "../../store/revisions/rendering.js";
import type { Queryable } from "../../store/db.js";
import { revisionRenderingParams, revisionRenderingView } from "../rendering-schemas.js";
import type { RevisionRenderingView } from "../rendering-schemas.js";

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

  app.get(
    "/history/:environment/:service/:revision/rendering",
    {
      // The rendering holds the service's ConfigMap of plain variables: read as the variables are.
      config: { permission: inEnvironment("variables") },
      schema: {
        operationId: "getRevisionRendering",
        tags: ["services"],
        summary:
          "The Kustomize files and built objects stored with a revision when the kubernetes target first applied it (no secret values: secrets are ExternalSecret references)",
        params: revisionRenderingParams,
        response: { 200: revisionRenderingView, ...commonErrors },
      },
    },
    async (request) => {
      const environment = findEnvironment(context.platform, request.params.environment);
      const service = findService(context.platform, request.params.service);
      return storedRendering(db.kysely, environment.name, service.name, request.params.revision);
    },
  );
}

async function storedRendering(
  db: Queryable,
  environment: string,
  service: string,
  revision: number | "running",
): Promise<RevisionRenderingView> {
  const row =
    revision === "running"
      ? (await activeRevisions(db, environment))
          .filter((r) => r.service === service)
          .sort((a, b) => (b.activated_at ?? 0) - (a.activated_at ?? 0))[0]
      : await findRevision(db, environment, service, revision);
  if (!row)
    throw new NotFoundError(
      revision === "running"
        ? `${service} has no revision running in ${environment}`
        : `${service} has no revision ${revision} in ${environment}`,
      { details: { environment, service, revision } },
    );
  const rendering = renderingOf(fromJson(row.detail));
  if (!rendering)
    throw new NotFoundError(
      `revision ${row.number} of ${service} in ${environment} has no stored rendering: only the kubernetes target stores one, when it first applies the revision`,
      { details: { environment, service, revision: row.number } },
    );
  return {
    environment,
    service,
    revision: row.number,
    tag: rendering.tag,
    files: rendering.files,
    objects: rendering.objects,
  };
}
