/**
 * The `infra` step kind's contract: parameters, private saved state and public output as zod schemas
 * (see contract.ts); the handlers (steps/infra.ts, steps/infra-approval.ts) drive infra/terraform's wrapper.
 * The output holds only redacted data (infra/terraform/redact.ts): it is stored with the run and
 * shown by the API, the CLI and the dashboard.
 */
import * as z from "zod";
import type { DriftReport, OutputChange, PlanSummary, ResourceChange } from "../../infra/terraform/changes.js";
import { RESOURCE_ACTIONS } from "../../infra/terraform/changes.js";
import type { LockInfo } from "../../infra/terraform/lock.js";
import { environmentName, stepKey } from "./names.js";

/** The module revision an infra run plans and applies: a git commit of the repository, or a pinned module source. */
export const moduleRevision = z.string().min(1).describe("a git commit, or a pinned module source");

/** `plan` saves a plan (`normal`, or `destroy`); `apply` applies exactly the plan an earlier step saved; `drift` is a refresh-only plan. */
export const infraParams = z.discriminatedUnion("operation", [
  z.strictObject({
    operation: z.literal("plan"),
    environment: environmentName,
    revision: moduleRevision,
    mode: z.enum(["normal", "destroy"]),
  }),
  z.strictObject({
    operation: z.literal("apply"),
    environment: environmentName,
    revision: moduleRevision,
    planStep: stepKey,
    /** `infra apply --plan RUN`: the plan that earlier run saved (its working copy), with the digest it had. */
    saved: z.strictObject({ run: z.string().min(1), digest: z.string().min(1) }).optional(),
  }),
  z.strictObject({ operation: z.literal("drift"), environment: environmentName, revision: moduleRevision }),
]);
export type InfraParams = z.output<typeof infraParams>;

export const lockInfo = z.strictObject({
  id: z.string(),
  path: z.string(),
  operation: z.string(),
  who: z.string(),
  version: z.string(),
  created: z.string(),
  info: z.string(),
}) satisfies z.ZodType<LockInfo>;

/**
 * Saved between attempts. `applying` is written (with the attempt that will apply) before terraform
 * apply starts: the step taken up again by a later attempt (the server died during apply) never
 * applies the saved plan again; it reports the partial apply and any lock left behind.
 */
export const infraState = z.discriminatedUnion("phase", [
  z.strictObject({ phase: z.literal("waiting-for-lock"), sinceMs: z.number(), lock: lockInfo }),
  z.strictObject({
    phase: z.literal("applying"),
    startedAtMs: z.number(),
    planDigest: z.string(),
    attempt: z.number(),
  }),
]);
export type InfraState = z.output<typeof infraState>;

const resourceChange = z.strictObject({
  address: z.string(),
  action: z.enum(RESOURCE_ACTIONS),
  reason: z.string().optional(),
  previousAddress: z.string().optional(),
}) satisfies z.ZodType<ResourceChange>;
const outputChange = z.strictObject({
  name: z.string(),
  action: z.enum(["create", "update", "delete"]),
  sensitive: z.boolean(),
}) satisfies z.ZodType<OutputChange>;

export const planSummary = z.strictObject({
  add: z.number(),
  change: z.number(),
  destroy: z.number(),
  import: z.number(),
  resources: z.array(resourceChange),
  outputs: z.array(outputChange),
  drift: z.array(resourceChange),
  hasChanges: z.boolean(),
  errored: z.boolean(),
}) satisfies z.ZodType<PlanSummary>;

export const driftReport = z.discriminatedUnion("status", [
  z.strictObject({ status: z.literal("up-to-date") }),
  z.strictObject({ status: z.literal("drifted"), resources: z.array(resourceChange), outputs: z.array(outputChange) }),
]) satisfies z.ZodType<DriftReport>;

const diagnostic = z.strictObject({
  severity: z.enum(["error", "warning"]),
  summary: z.string(),
  detail: z.string(),
  address: z.string().optional(),
  location: z.strictObject({ file: z.string(), line: z.number(), column: z.number() }).optional(),
});

/** A root output as stored: a sensitive one is named, never valued. */
const outputValue = z.discriminatedUnion("sensitive", [
  z.strictObject({ sensitive: z.literal(false), type: z.unknown(), value: z.unknown() }),
  z.strictObject({ sensitive: z.literal(true), type: z.unknown() }),
]);

const common = {
  environment: environmentName,
  revision: moduleRevision,
  terraformVersion: z.string(),
  /** The platform's terraform.version mismatch, when it only warns. */
  versionWarning: z.string().nullable(),
  /** terraform's warnings (errors fail the step). */
  warnings: z.array(diagnostic),
};

export const infraOutput = z.discriminatedUnion("operation", [
  z.strictObject({
    operation: z.literal("plan"),
    ...common,
    mode: z.enum(["normal", "destroy"]),
    /** sha256 of the saved plan file: apply refuses any other file. */
    planDigest: z.string(),
    summary: planSummary,
    /** The plan as a pull-request comment (infra/terraform/markdown.ts). */
    markdown: z.string(),
  }),
  z.strictObject({
    operation: z.literal("apply"),
    ...common,
    counts: z.strictObject({ add: z.number(), change: z.number(), remove: z.number(), import: z.number() }),
    outputs: z.record(z.string(), outputValue),
  }),
  z.strictObject({ operation: z.literal("drift"), ...common, checkedAtMs: z.number(), report: driftReport }),
]);
export type InfraOutput = z.output<typeof infraOutput>;

/** What an `infra-approval` gate step is planned with: the groups of the environment's approvals or destroy approvals. */
export const infraApprovalParams = z.strictObject({
  environment: environmentName,
  purpose: z.enum(["apply", "destroy"]),
  /** The step whose saved plan is being approved: approvers see its summary. */
  planStep: stepKey,
});
export type InfraApprovalParams = z.output<typeof infraApprovalParams>;
