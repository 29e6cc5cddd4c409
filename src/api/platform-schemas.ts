/**
 * Schemas of what the server's platform file says: services, environments and effective
 * variables, as `quikship services`, `envs` and `vars` print them.
 */
import * as z from "zod";
import { OPERATIONS } from "../platform/views.js";

const name = z.string().trim().min(1).max(200);
const moment = z.object({ local: z.string(), utc: z.string() });

export const servicesQuery = z.strictObject({ stack: name.optional().describe("Only the services of this stack.") });
export const environmentName = z.strictObject({ name: name.describe("An environment name or alias.") });
export const environmentQuery = z.strictObject({
  at: z.iso
    .datetime({ offset: true })
    .optional()
    .describe("Evaluate the deployment window at this ISO 8601 date-time instead of now."),
});
export const variablesQuery = z.strictObject({
  environment: name.describe("An environment name or alias."),
  service: name.optional().describe("Include this service's stack and service variables."),
  operation: z
    .enum(OPERATIONS)
    .default("deploy")
    .describe("The operation reading the variables: each gets only the groups it may read."),
});

export const serviceInfo = z.object({
  name: z.string(),
  stack: z.string(),
  port: z.number().int(),
  healthPath: z.string(),
  repository: z.string().nullable(),
  image: z.string(),
  strategy: z.string().nullable().describe("The service's own strategy type, or null when it takes its environment's."),
  dependsOn: z.array(z.string()),
});

export const environmentInfo = z
  .looseObject({
    name: z.string(),
    position: z.number().int().describe("0 for the first rung of the ladder."),
    aliases: z.array(z.string()),
    from: z.string().nullable(),
    tier: z.string(),
    purpose: z.string().nullable(),
    target: z.string(),
    namespace: z.string(),
    replicas: z.object({ min: z.number().int(), max: z.number().int() }),
    strategy: z.looseObject({ type: z.string() }),
    approvals: z
      .object({
        groups: z.array(z.string()),
        policy: z.string(),
        minimum: z.number().int().optional(),
        timeout: z.string(),
        preventSelfApproval: z.boolean(),
      })
      .nullable(),
    windows: z.looseObject({ timezone: z.string() }).nullable(),
    lock: z.string(),
  })
  .describe("An environment as the platform file defines it, durations as strings.");

export const environmentDetailView = environmentInfo
  .extend({
    ladder: z.object({
      position: z.number().int().describe("1 for the first rung."),
      of: z.number().int(),
      from: z.string().nullable(),
      next: z.array(z.string()),
    }),
    tests: z.array(z.object({ name: z.string(), kind: z.string(), required: z.boolean() })),
    allowSkipTests: z.boolean(),
    window: z.object({
      open: z.boolean(),
      at: z.string().describe("The moment evaluated, ISO 8601."),
      closesAt: moment.nullable(),
      nextOpening: moment.nullable(),
      reason: z.string().nullable().describe("Why the window is closed (outside the weekly windows, or a freeze)."),
    }),
  })
  .describe("One environment in detail, with whether its deployment window is open at the moment asked.");

const variable = z.discriminatedUnion("secret", [
  z.object({
    secret: z.literal(false),
    value: z.union([z.string(), z.number(), z.boolean()]),
    source: z.string(),
    overrides: z.array(z.string()),
  }),
  z.object({
    secret: z.literal(true),
    value: z.string().describe("Always `********`."),
    reference: z.string().describe("Where the secret is read from; its value is never sent."),
    source: z.string(),
    overrides: z.array(z.string()),
  }),
]);

export const variablesView = z
  .object({
    environment: z.string(),
    service: z.string().nullable(),
    operation: z.enum(OPERATIONS),
    variables: z
      .record(z.string(), variable)
      .describe(
        "By name; `source` is the variable group (or `service NAME`) it came from, `overrides` the sources it replaced.",
      ),
  })
  .describe("Effective variables, secrets masked.");
