import { InputError } from "../../errors.js";
import { findService } from "../../platform/lookup.js";
import { triggeredEnvironments } from "../../platform/triggers.js";
import type { ArtifactSource } from "../../platform/triggers.js";
import { principal } from "../auth.js";
import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import { artifactRequest, artifactResult } from "../promotion-schemas.js";
import type { ArtifactResult } from "../promotion-schemas.js";
import type { ZodApp } from "../zod.js";

/** CI registers what it built; the environments' trigger rules decide where it deploys. */
export function registerArtifactRoutes(app: ZodApp, context: ApiContext): void {
  const { engine } = context;
  app.post(
    "/artifacts",
    {
      // Deploy in every environment the artifact triggers: a refusal starts none.
      config: {
        permission: {
          kind: "environment",
          action: "deploy",
          environments: (request, platform) => {
            const body = request.body as { branch?: string; gitTag?: string };
            return triggeredEnvironments(platform, sourceOf(body.branch, body.gitTag)).map((m) => m.environment.name);
          },
        },
      },
      schema: {
        operationId: "registerArtifact",
        tags: ["runs"],
        summary: "Register a newly built artifact and start a deploy to every environment whose trigger rules match it",
        body: artifactRequest,
        response: { 200: artifactResult, 201: artifactResult, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { user: actor, tokenId: actorToken } = principal(request);
      const platform = context.platform;
      const { tag, branch, gitTag, digest, commit, commitTime } = request.body;
      // What CI knows of the build beyond its tag travels with each run's request (digest pinning, lead time).
      const built = {
        ...(digest !== undefined ? { digest } : {}),
        ...(commit !== undefined ? { commit } : {}),
        ...(commitTime !== undefined ? { commitTime } : {}),
      };
      const service = findService(platform, request.body.service).name;
      const source = sourceOf(branch, gitTag);
      const matches = triggeredEnvironments(platform, source);
      const artifact = { service, tag, ...source, ...built };
      // The artifact's entry, the runs and their run.submit entries are one transaction: all or nothing.
      const runs = await engine.submitAll(
        matches.map((m) => ({
          request: { kind: "deploy", environment: m.environment.name, services: [service], params: { tag, ...built } },
          trigger: `${m.rule} (artifact ${service}:${tag})`,
        })),
        actor,
        {
          actorToken,
          before: (started) => [
            {
              actor,
              action: "artifact.register",
              subject: `${service}:${tag}`,
              data: {
                ...artifact,
                environments: started.map((r) => r.environment),
                runs: started.map((r) => r.id),
                actorToken,
              },
            },
          ],
        },
      );
      const result: ArtifactResult = {
        artifact,
        runs,
        message: describe(
          artifact,
          source,
          matches.map((m) => `${m.environment.name} (${m.rule})`),
        ),
      };
      return reply.code(runs.length > 0 ? 201 : 200).send(result);
    },
  );
}

/** The schema already refused neither and both; this keeps the type honest. */
function sourceOf(branch: string | undefined, gitTag: string | undefined): ArtifactSource {
  if (branch !== undefined && gitTag === undefined) return { branch };
  if (gitTag !== undefined && branch === undefined) return { gitTag };
  throw new InputError("give exactly one of branch and gitTag");
}

function describe(artifact: { service: string; tag: string }, source: ArtifactSource, started: string[]): string {
  const from = "branch" in source ? `branch ${source.branch}` : `git tag ${source.gitTag}`;
  if (started.length === 0)
    return `registered ${artifact.service}:${artifact.tag} from ${from}; no trigger rule matches it, so nothing was started`;
  return `registered ${artifact.service}:${artifact.tag} from ${from}; deploying to ${started.join(", ")}`;
}
