/** Schemas of the artifact routes: an image's signatures, provenance and scans (artifacts show), and registry prune. */
import * as z from "zod";

const name = z.string().trim().min(1).max(200);

export const pruneRequest = z.strictObject({
  service: name.describe("The service whose image repository is pruned."),
  keep: z
    .number()
    .int()
    .min(0)
    .max(10_000)
    .optional()
    .describe("How many newest tags to keep (default: the platform's registry.retention.keep)."),
  dryRun: z.boolean().default(false).describe("List what would be deleted and why the rest is kept; delete nothing."),
});

const tagInfo = z.object({
  tag: z.string(),
  digest: z.string(),
  createdAt: z.number().nullable().describe("The image config's created time; null when it does not say."),
});

export const pruneResult = z
  .object({
    service: z.string(),
    repository: z.string(),
    dryRun: z.boolean(),
    kept: z.array(tagInfo.extend({ reasons: z.array(z.string()).describe("Why the tag stays (at least one).") })),
    deleted: z.array(tagInfo).describe("Deleted tags (in a dry run: what would be deleted)."),
    deletedDigests: z.array(z.string()).describe("Manifests deleted, with their signature and attestation tags."),
    message: z.string(),
  })
  .describe("What a prune kept, and why; what it deleted. The registry reclaims space at its garbage collection.");
export type PruneView = z.output<typeof pruneResult>;

export const artifactParams = z.strictObject({ service: name.describe("Service name.") });
export const artifactQuery = z.strictObject({
  reference: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("A tag or a sha256 digest (default: the digest the service runs in the last environment that runs one)."),
});

const signatureCheck = z.union([
  z.object({ status: z.literal("verified"), keyId: z.string(), keySource: z.string() }),
  z.object({ status: z.literal("untrusted"), reason: z.string() }),
]);

export const artifactView = z
  .object({
    service: z.string(),
    image: z.string().describe("host/repository"),
    digest: z.string(),
    tags: z.array(z.string()).describe("The repository's tags that point at this digest now."),
    created: z.string().nullable(),
    platform: z.string().nullable().describe("os/architecture of the image read (linux/amd64 of an index)."),
    labels: z.record(z.string(), z.string()),
    runs: z
      .array(
        z.object({
          environment: z.string(),
          revision: z.number(),
          tag: z.string(),
          status: z.string(),
          activatedAt: z.number().nullable(),
        }),
      )
      .describe("Revisions with this digest, per environment (active and rollback candidates)."),
    signatures: z
      .array(signatureCheck)
      .describe("Signatures stored for the digest, each checked against the keys every environment trusts."),
    provenance: z.array(
      z.object({
        predicateType: z.string(),
        builderId: z.string().nullable(),
        commit: z.string().nullable(),
        buildType: z.string().nullable(),
        verifiedBy: z.string().nullable().describe("The trusted key whose signature verifies it; null when none does."),
      }),
    ),
    scan: z
      .object({
        tool: z.string(),
        format: z.string(),
        receivedAt: z.number(),
        counts: z.record(z.string(), z.number()).describe("Findings per severity."),
      })
      .nullable()
      .describe("The newest scan report of the digest (quikship ci scan-report); null when none."),
  })
  .describe("One image digest: where it runs, its labels, signatures, provenance and scan summary.");
export type ArtifactView = z.output<typeof artifactView>;
