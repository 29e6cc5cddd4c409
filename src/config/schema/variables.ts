import * as z from "zod";
import { described, displayName, dnsName, lazily, variables } from "./common.js";
import { tier } from "./environments.js";

export const VARIABLE_GROUP_KINDS = ["global", "tier", "stack", "environment", "terraform", "ci"] as const;
export const OPERATIONS = ["deploy", "ci", "terraform"] as const;

export const variableGroup = lazily(() =>
  z
    .strictObject({
      description: z.string().optional(),
      source: z.string().optional().apply(described, 'Where the values come from, e.g. ".env.dev.example".'),
      kind: z
        .enum(VARIABLE_GROUP_KINDS)
        .apply(
          described,
          "global: every environment; tier: the environments of `tiers`; stack: the services of `stacks`; environment: `environments`; terraform and ci: only those operations.",
        ),
      environments: z
        .array(dnsName)
        .optional()
        .apply(described, "Environments the group applies to (kind environment; optional for terraform)."),
      stacks: z
        .array(dnsName)
        .optional()
        .apply(described, "Stacks the group applies to (kind stack; optional for ci)."),
      tiers: z.array(tier).optional().apply(described, "Tiers the group applies to (kind tier)."),
      readers: z
        .array(z.enum(OPERATIONS))
        .optional()
        .apply(
          described,
          "Operations allowed to read the group (least privilege). Defaults: deploy, or terraform / ci for those kinds.",
        ),
      variables: variables.default({}),
    })
    .apply(described, "A named set of variables."),
);

export const variableGroupName = displayName;
