import * as z from "zod";
import { described, duration, lazily } from "./common.js";

export const signaturePolicy = lazily(() =>
  z
    .strictObject({
      keys: z
        .array(z.string().min(1))
        .min(1)
        .apply(
          described,
          "Trusted public keys (ECDSA P-256, PEM `PUBLIC KEY`, as cosign.pub): a file relative to the platform file, or the PEM inline.",
        ),
    })
    .apply(
      described,
      "Images deployed or promoted here must carry a cosign-format signature (the `sha256-<hex>.sig` tag, `quikship ci sign`) that verifies with one of these keys; checked before any gate. Not with registry: none on this environment or any service (no digest to check).",
    ),
);

export const retentionRules = lazily(() =>
  z
    .strictObject({
      keep: z
        .number()
        .int()
        .min(0)
        .default(10)
        .apply(described, "How many of a repository's newest tags `registry prune` keeps."),
      keepTags: z
        .array(z.string().min(1))
        .default([])
        .apply(described, "Tags kept whatever their age (`*` and `?` globs), e.g. release tags `v*`."),
      olderThan: duration
        .optional()
        .apply(
          described,
          'Of the tags beyond the kept ones, delete only those whose image is older than this (the image config\'s `created`), e.g. "30d"; an image that does not say when it was created is kept. Default: every tag beyond the kept ones, whatever its age.',
        ),
      schedule: z
        .strictObject({
          cron: z.string().apply(described, 'Five-field cron expression, e.g. "0 3 * * 0" (03:00 on Sundays).'),
          timezone: z.string().optional().apply(described, "IANA time zone of the cron expression; default UTC."),
        })
        .optional()
        .apply(
          described,
          "When the server prunes every repository of the platform's registry by itself: at each time of the cron, one `registry-prune` run (started by quikship, once across servers). Without it, pruning happens only when asked (`quikship registry prune`).",
        ),
    })
    .apply(
      described,
      "What `quikship registry prune` keeps per repository, besides every digest an environment runs or can roll back to (its revisions within historyLimit), and when the server prunes by itself.",
    ),
);
