/**
 * What a person or CI may ask for: one schema per run kind, with bounds, parsed where a request
 * enters (the API's body, the engine's submit). A request that fails it is refused before anything
 * is planned or stored; planning then checks what only the platform file knows (names, ladders).
 */
import * as z from "zod";
import { InputError } from "../errors.js";

import { TAG } from "./plan/tag.js";

/** The longest a no-op run may wait: a day. */
export const MAX_WAIT_MS = 86_400_000;
/** The most instances a scale asks for. */
export const MAX_REPLICAS = 100;

const name = z.string().trim().min(1).max(200);
const tag = z
  .string()
  .regex(TAG, "must be an image tag (letters, digits, '.', '_', '-'; at most 128, not starting with '.' or '-')")
  .describe("The image tag.");
const emergency = z
  .strictObject({ reason: z.string().trim().min(1, "an emergency override needs a reason").max(1000) })
  .describe("Overrides the deployment window, for members of a group allowed to; the reason is audited.");
const canary = z.boolean().describe("Roll out as a canary whatever the configured strategy.");

/** Unknown parameters are refused by name, with the ones the kind takes. */
function params<T extends z.ZodRawShape>(kind: string, shape: T): z.ZodObject<T, z.core.$strict> {
  const known = Object.keys(shape).join(", ") || "none";
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown parameter${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")} for a ${kind} run (it takes: ${known})`
        : undefined,
  });
}

export const noopParams = params("noop", {
  steps: z.int().min(1).max(1000).optional().describe("How many no-op steps (default 1)."),
  waitMs: z
    .int()
    .min(0)
    .max(MAX_WAIT_MS)
    .optional()
    .describe("Waits this long on the engine's clock first; at most a day (86400000)."),
});

export const scriptParams = params("script", { test: name.describe("A test of the environment.") });

/** What CI knew of the build (`ci notify --manifest`): kept for digest pinning and lead time. */
const built = {
  digest: z
    .string()
    .regex(/^sha256:[a-f0-9]{64}$/, "must be an image digest (sha256: and 64 hexadecimal digits)")
    .optional()
    .describe("The pushed image's digest."),
  commit: z
    .string()
    .regex(/^([a-f0-9]{40}|[a-f0-9]{64})$/, "must be a full commit SHA")
    .optional()
    .describe("The source commit."),
  commitTime: z.iso.datetime({ offset: true }).optional().describe("When that commit was made."),
};

export const deployParams = params("deploy", {
  tag,
  emergency: emergency.optional(),
  canary: canary.optional(),
  skipTests: z
    .boolean()
    .optional()
    .describe("Skip the environment's tests after the rollout, where it allows it (allowSkipTests)."),
  ...built,
});

/** `revision` 0 (or absent): the one before the active revision. `release`: a whole release back. */
export const rollbackParams = params("rollback", {
  revision: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe("A revision number; 0 the previous one."),
  release: z.string().trim().min(1).max(200).optional().describe("A release id: every service of it back."),
});

export const restartParams = params("restart", {});

export const scaleParams = params("scale", {
  replicas: z.int().min(0).max(MAX_REPLICAS).describe(`Instances, from 0 to ${MAX_REPLICAS}.`),
});

/** `to` is a list of environments only: the CLI splits its comma-separated `--to` itself. */
export const promoteParams = params("promote", {
  tag,
  to: z.array(name).min(1, "must name at least one environment").max(50).describe("The environments to promote to."),
  skipTests: z.boolean().optional().describe("Skip the targets' tests where they allow it."),
  skipSourceTests: z
    .boolean()
    .optional()
    .describe(
      "Promote without the source's tests passed, where every target allows it (allowSkipSourceTests); audited.",
    ),
  emergency: emergency.optional(),
  canary: canary.optional(),
});

/** A standby revision whose time is up, stopped once (started by quikship: see docs/operations.md). */
export const expireStandbyParams = params("expire-standby", {
  revision: z
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .describe("The standby revision to stop; left running unless its standby time is up and it serves no traffic."),
});

/**
 * Deletes old image tags by the platform's retention rules (started by quikship at the times of
 * `registry.retention.schedule`, or by an administrator): see docs/artifacts.md.
 */
export const registryPruneParams = params("registry-prune", {
  dryRun: z.boolean().optional().describe("List what would be deleted and why the rest is kept; delete nothing."),
});

/** What an infra run does: see docs/infrastructure.md. */
export const INFRA_ACTIONS = ["plan", "apply", "promote", "destroy", "drift"] as const;

/** `environment` is the one to act on (for `promote`, the first rung; `stop` the last). */
export const infraRunParams = params("infra", {
  action: z
    .enum(INFRA_ACTIONS)
    .describe(
      "plan: a saved plan; apply: plan, gates, apply; promote: every rung from the environment to stop; destroy; drift: a refresh-only check.",
    ),
  stop: name.optional().describe("promote: the last environment (inclusive), in ladder order."),
  confirm: z.string().max(200).optional().describe("destroy: the environment's name typed back."),
  plan: name
    .optional()
    .describe(
      "apply: the id of an earlier `plan` run of the environment whose saved plan to apply, exactly, instead of planning again.",
    ),
  emergency: emergency
    .optional()
    .describe("destroy: the emergency reason a prod-tier environment's destroy needs; audited."),
});

const envelope = {
  environment: name.describe("Environment name or alias (for a promotion, the source)."),
  services: z.array(name).max(500).default([]).describe("Service names; empty for operations on a whole environment."),
};

export const runRequestSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("deploy"), ...envelope, params: deployParams }),
    z.strictObject({ kind: z.literal("rollback"), ...envelope, params: rollbackParams.default({}) }),
    z.strictObject({ kind: z.literal("restart"), ...envelope, params: restartParams.default({}) }),
    z.strictObject({ kind: z.literal("scale"), ...envelope, params: scaleParams }),
    z.strictObject({ kind: z.literal("promote"), ...envelope, params: promoteParams }),
    z.strictObject({ kind: z.literal("script"), ...envelope, params: scriptParams }),
    z.strictObject({ kind: z.literal("noop"), ...envelope, params: noopParams.default({}) }),
    z.strictObject({ kind: z.literal("infra"), ...envelope, params: infraRunParams }),
    z.strictObject({ kind: z.literal("expire-standby"), ...envelope, params: expireStandbyParams }),
    z.strictObject({ kind: z.literal("registry-prune"), ...envelope, params: registryPruneParams.default({}) }),
  ])
  .describe("A run to start: what to do (kind), where, and the kind's parameters.");

/** A request as sent: services and empty parameters may be left out. */
export type RunRequestInput = z.input<typeof runRequestSchema>;
/** A request as parsed and planned. */
export type RunRequest = z.output<typeof runRequestSchema>;
export type RunRequestOf<K extends RunRequest["kind"]> = Extract<RunRequest, { kind: K }>;

/** Parses a request outside the API (which validates its body with the same schema); a failure is an InputError naming every issue. */
export function parseRunRequest(request: unknown): RunRequest {
  const result = runRequestSchema.safeParse(request);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  // "params.tag must be an image tag …" reads as a sentence; other messages follow a colon.
  const text = issues.map((i) => `${i.path}${i.message.startsWith("must ") ? " " : ": "}${i.message}`).join("; ");
  throw new InputError(`invalid run request: ${text}`, {
    details: { issues },
  });
}
