import { releaseOf } from "../../engine/release.js";
import { NotFoundError } from "../../errors.js";
import { findEnvironment } from "../../platform/lookup.js";
import { findRelease, listReleases } from "../../store/releases/read.js";
import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import { releaseId, releasesQuery, releaseView } from "../release-schemas.js";
import type { ZodApp } from "../zod.js";
import { SIGNED_IN } from "../permission.js";

export function registerReleaseRoutes(app: ZodApp, context: ApiContext): void {
  const { db } = context;

  const tags = ["services"];

  app.get(
    "/releases",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "listReleases",
        tags,
        summary: "Releases with their artifacts, newest first",
        querystring: releasesQuery,
        response: { 200: releaseView.array(), ...commonErrors },
      },
    },
    async (request) => {
      const { environment, limit } = request.query;
      const rows = await listReleases(db.kysely, {
        environment: environment === undefined ? undefined : findEnvironment(context.platform, environment).name,
        limit,
      });
      return rows.map(releaseOf);
    },
  );

  app.get(
    "/releases/:id",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "getRelease",
        tags,
        summary: "A release with its artifacts",
        params: releaseId,
        response: { 200: releaseView, ...commonErrors },
      },
    },
    async (request) => {
      const rows = await findRelease(db.kysely, request.params.id);
      if (!rows) throw new NotFoundError(`no release "${request.params.id}"; list releases with \`quikship releases\``);
      return releaseOf(rows);
    },
  );
}
