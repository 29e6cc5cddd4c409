/** An image digest's story (artifacts show), and pruning a service's image repository (registry prune). */
import { pruneRepository } from "../../artifacts/prune.js";
import type { PruneResult } from "../../artifacts/prune.js";
import type { TagInfo } from "../../artifacts/retention.js";
import { showArtifact } from "../../artifacts/show.js";
import { findService } from "../../platform/lookup.js";
import { principal } from "../auth.js";
import { artifactParams, artifactQuery, artifactView, pruneRequest, pruneResult } from "../artifact-schemas.js";
import type { PruneView } from "../artifact-schemas.js";
import type { ApiContext } from "../context.js";
import { commonErrors, errorBody } from "../errors.js";
import { ADMIN, SIGNED_IN } from "../permission.js";
import type { ZodApp } from "../zod.js";

const registryErrors = { ...commonErrors, 422: errorBody } as const;

const tagView = (t: TagInfo) => ({ tag: t.tag, digest: t.digest, createdAt: t.createdMs ?? null });

function pruneView(result: PruneResult): PruneView {
  const deleted = result.remove.map(tagView);
  const verb = result.dryRun ? "would delete" : "deleted";
  return {
    service: result.service,
    repository: result.repository,
    dryRun: result.dryRun,
    kept: result.keep.map((t) => ({ ...tagView(t), reasons: t.reasons })),
    deleted,
    deletedDigests: result.deletedDigests,
    message: `${result.repository}: kept ${result.keep.length} tag(s), ${verb} ${deleted.length}${result.dryRun ? "" : "; the registry reclaims the space at its garbage collection"}`,
  };
}

export function registerRegistryRoutes(app: ZodApp, context: ApiContext): void {
  app.get(
    "/artifacts/:service",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "showArtifact",
        tags: ["artifacts"],
        summary: "An image digest: tags, labels, where it runs, signatures, provenance and scan summary",
        params: artifactParams,
        querystring: artifactQuery,
        response: { 200: artifactView, ...registryErrors },
      },
    },
    async (request) => {
      const platform = context.platform;
      const service = findService(platform, request.params.service);
      return showArtifact(context.db.kysely, platform, context.images, service, request.query.reference);
    },
  );

  app.post(
    "/registry/prune",
    {
      // Deleting images is an administrator's act; a dry run reads only, but shares the route.
      config: { permission: ADMIN },
      schema: {
        operationId: "pruneRegistry",
        tags: ["artifacts"],
        summary: "Delete a service's old image tags, keeping the newest and every rollback candidate",
        body: pruneRequest,
        response: { 200: pruneResult, ...registryErrors },
      },
    },
    async (request) => {
      const platform = context.platform;
      const service = findService(platform, request.body.service);
      const retention = platform.registry?.retention;
      const result = await pruneRepository({
        db: context.db,
        platform,
        images: context.images,
        service,
        rules: {
          keep: request.body.keep ?? retention?.keep ?? 10,
          keepTags: retention?.keepTags ?? [],
          olderThanMs: retention?.olderThanMs,
        },
        dryRun: request.body.dryRun,
        clock: context.clock,
        deletedBy: `registry prune by ${principal(request).user}`,
      });
      if (!result.dryRun)
        context.logger.info(
          { actor: principal(request).user, service: service.name, deleted: result.deletedDigests },
          "registry prune",
        );
      return pruneView(result);
    },
  );
}
