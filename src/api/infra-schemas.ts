import * as z from "zod";

const resource = z.object({
  address: z.string(),
  action: z.string(),
  reason: z.string().optional(),
  previousAddress: z.string().optional(),
});
const outputChange = z.object({ name: z.string(), action: z.string(), sensitive: z.boolean() });

/** A root output as kept: a sensitive one is named and typed, never valued. */
export const infraOutputValue = z
  .union([
    z.object({ sensitive: z.literal(false), type: z.unknown(), value: z.unknown() }),
    z.object({ sensitive: z.literal(true), type: z.unknown() }),
  ])
  .describe("A root output of the last apply; a sensitive one has no value.");

export const infraEnvironmentStatus = z.object({
  environment: z.string(),
  lastApply: z
    .object({
      run: z.string(),
      at: z.number(),
      revision: z.string().describe("The module revision applied (sha256 of the module's files)."),
      counts: z.object({ add: z.number(), change: z.number(), remove: z.number(), import: z.number() }),
      outputs: z.record(z.string(), infraOutputValue),
    })
    .nullable(),
  drift: z
    .discriminatedUnion("status", [
      z.object({ status: z.literal("unknown") }),
      z.object({ status: z.literal("up-to-date"), run: z.string(), checkedAtMs: z.number() }),
      z.object({
        status: z.literal("drifted"),
        run: z.string(),
        checkedAtMs: z.number(),
        resources: z.array(resource),
        outputs: z.array(outputChange),
      }),
    ])
    .describe("The last drift check (a refresh-only plan); unknown when none was made since the last apply."),
  active: z.array(
    z.object({ run: z.string(), action: z.string(), status: z.string(), waiting: z.string().nullable() }),
  ),
});

export const infraOutputsView = z.object({
  environment: z.string(),
  run: z.string().nullable().describe("The apply the outputs come from; null when none succeeded yet."),
  outputs: z.record(z.string(), infraOutputValue),
});

export const infraEnvironmentParam = z.strictObject({ environment: z.string().min(1).max(200) });

export const unlockRequest = z.strictObject({
  lockId: z.string().trim().min(1).max(200).describe("The lock's ID, as terraform (and quikship's error) reports it."),
  reason: z.string().trim().min(1, "an unlock needs a reason").max(1000).describe("Why; kept in the audit log."),
});

export const unlockView = z.object({ environment: z.string(), lockId: z.string(), unlocked: z.literal(true) });
