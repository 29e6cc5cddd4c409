import * as z from "zod";
import { described, dnsName, lazily } from "./common.js";
import { approvals } from "./gates.js";

const tfValue = lazily(() =>
  z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]),
);

export const terraformEnvironment = lazily(() =>
  z
    .strictObject({
      variables: z
        .record(z.string(), tfValue)
        .default({})
        .apply(described, "Terraform input variables for this environment (written as a tfvars file)."),
      autoApprove: z.boolean().default(false).apply(described, "Apply without waiting for approval."),
      approvals: approvals.optional().apply(described, "Approval before apply."),
      destroyApprovals: approvals.optional().apply(described, "Approval before destroy."),
      driftSchedule: z
        .string()
        .optional()
        .apply(
          described,
          "When to check this environment for drift (terraform plan -refresh-only), as a five-field cron (\"0 6 * * 1-5\"), in the environment's time zone (its windows' timezone, else UTC). Each check is an infra run; `quikship infra status` shows the result.",
        ),
    })
    .apply(described, "Terraform configuration of one environment."),
);

export const terraform = lazily(() =>
  z
    .strictObject({
      version: z
        .string()
        .optional()
        .apply(
          described,
          "Terraform version the configuration is written for: a version (1.5.7; 1.5 is any 1.5.x) or a constraint (>= 1.5, < 2.0). A binary that does not match is warned about, or refused where strict.",
        ),
      strict: z
        .boolean()
        .default(false)
        .apply(described, "Refuse to run a terraform binary whose version does not match version, rather than warn."),
      workingDirectory: z.string().default("infrastructure/terraform"),
      backend: z.record(z.string(), z.string()).default({}).apply(described, "Backend configuration (state storage)."),
      environments: z
        .record(dnsName, terraformEnvironment)
        .default({})
        .apply(described, "Per environment (names or aliases under environments)."),
    })
    .apply(described, "Infrastructure pipelines."),
);
