import * as z from "zod";
import { described, lazily, secretRef } from "./common.js";

export const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"] as const;

export const registryMode = z
  .enum(["pin", "none"])
  .apply(
    described,
    "pin: a deploy resolves the image tag at the registry once and records the digest on the revision, and a promotion runs the source revision's digest; none: no registry is asked and revisions carry tags only (an offline target, such as the local target's demo services). Default pin; `quikship server --local` runs every environment as none.",
  );

export const registryCredentials = lazily(() =>
  z
    .strictObject({
      username: z.string().min(1).apply(described, "The registry user (for ACR, a token or service principal name)."),
      password: secretRef.describe("The password or token, by secret reference."),
    })
    .apply(
      described,
      "How quikship signs in to the registry's API (resolving tags, reading scans' images, pruning): basic auth, or the credential a bearer token service asks for. Absent: anonymous.",
    ),
);

export const securityPolicy = lazily(() =>
  z
    .strictObject({
      block: z
        .array(z.enum(SEVERITIES))
        .default([])
        .apply(
          described,
          "Finding severities that block a deploy or promotion here, e.g. [CRITICAL, HIGH] (the seeds' trivySeverity).",
        ),
      requireReport: z
        .boolean()
        .default(false)
        .apply(
          described,
          "Whether an image without a scan report (quikship ci scan-report) is refused here. Reports are kept per digest: not with registry: none on this environment or any service.",
        ),
      allow: z
        .array(
          z.strictObject({
            id: z
              .string()
              .min(1)
              .apply(described, "A finding id as the report names it (CVE-2024-1234, a SARIF rule id)."),
            until: z.iso
              .date()
              .apply(described, "The last day (UTC) the exception holds; from the day after it blocks again."),
            reason: z
              .string()
              .optional()
              .apply(described, "Why the finding is accepted, for the audit trail and explain."),
          }),
        )
        .default([])
        .apply(described, "Findings accepted until a date, whatever their severity."),
    })
    .apply(described, "The security gate: what scan findings keep an image out of this environment."),
);
