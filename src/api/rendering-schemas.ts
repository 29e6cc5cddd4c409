/**
 * Schemas of a revision's stored rendering: the Kustomize files quikship rendered for it and the
 * objects they build to, as the kubernetes target applied them (`quikship render --diff
 * --revision` compares the rendering of now with it).
 */
import * as z from "zod";

const name = z.string().trim().min(1).max(200);

export const revisionRenderingParams = z.strictObject({
  environment: name.describe("Environment name or alias."),
  service: name.describe("Service name."),
  revision: z
    .union([z.literal("running"), z.coerce.number().int().min(1)])
    .describe("Revision number, or `running`: the service's active revision in the environment."),
});

const renderedFile = z.object({
  path: z.string().describe("Path in the Kustomize tree, such as overlays/live/api/kustomization.yaml."),
  content: z.string(),
});

const builtObject = z
  .looseObject({ apiVersion: z.string(), kind: z.string(), metadata: z.looseObject({ name: z.string() }) })
  .describe("An object as `kubectl kustomize` prints it.");

export const revisionRenderingView = z
  .object({
    environment: z.string(),
    service: z.string(),
    revision: z.number().int(),
    tag: z.string().describe("The image tag the revision was rendered with."),
    files: z.array(renderedFile).describe("The tree's files rendered for the revision, sorted by path."),
    objects: z.array(builtObject).describe("The objects those files build to: what the target applied."),
  })
  .describe("The rendering stored with a revision the first time the kubernetes target applied it.");

export type RevisionRenderingView = z.output<typeof revisionRenderingView>;
