/**
 * Schemas of releases: what a deploy or promotion moved into an environment as one unit. The
 * OpenAPI document is generated from them; replies are typed from them.
 */
import * as z from "zod";
import { RELEASE_STATUSES } from "../engine/release.js";

export const releasesQuery = z.strictObject({
  environment: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("Only this environment (a name or an alias); every environment when absent."),
  limit: z.coerce.number().int().min(1).max(1000).default(50).describe("At most this many releases, newest first."),
});

export const releaseId = z.strictObject({
  id: z.string().min(1).max(200).describe('A release id: "rel-" and 8 characters.'),
});

export const releaseView = z
  .object({
    id: z.string(),
    environment: z.string(),
    runId: z.string().describe("The deploy or promotion run that made it."),
    actor: z.string(),
    status: z
      .enum(RELEASE_STATUSES)
      .describe(
        "rolling-out; released (every service moved, the environment's tests passed); failed (a service or test failed, and what the train had moved was moved back); rolled-back (by `quikship rollback ENV --release ID`).",
      ),
    createdAt: z.number().describe("When its rollouts started."),
    finishedAt: z.number().nullable(),
    items: z
      .array(
        z.object({
          service: z.string(),
          tag: z.string(),
          revision: z.number().describe("The revision the release rolled out."),
          previousRevision: z
            .number()
            .nullable()
            .describe("The revision the service ran before; null when the release installed it."),
          previousTag: z.string().nullable(),
        }),
      )
      .describe("Its artifacts, in release order: each service after the ones it depends on."),
  })
  .describe("A release: the services one run moved into one environment, as one unit.");

export type ReleaseView = z.output<typeof releaseView>;
