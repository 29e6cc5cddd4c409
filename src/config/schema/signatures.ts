import * as z from "zod";

export const signaturePolicy = z
  .strictObject({
    keys: z
      .array(z.string().min(1))
      .min(1)
      .describe(
        "Trusted public keys (ECDSA P-256, PEM `PUBLIC KEY`, as cosign.pub): a file relative to the platform file, or the PEM inline.",
      ),
  })
  .describe(
    "Images deployed or promoted here must carry a cosign-format signature (the `sha256-<hex>.sig` tag, `quikship ci sign`) that verifies with one of these keys; checked before any gate. Not with registry: none on this environment or any service (no digest to check).",
  );

export const retentionRules = z
  .strictObject({
    keep: z.number().int().min(0).default(10).describe("How many of a repository's newest tags `registry prune` keeps."),
    keepTags: z
      .array(z.string().min(1))
      .default([])
      .describe("Tags kept whatever their age (`*` and `?` globs), e.g. release tags `v*`."),
  })
  .describe(
    "What `quikship registry prune` keeps per repository, besides every digest an environment runs or can roll back to (its revisions within historyLimit).",
  );
