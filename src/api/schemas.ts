/**
 * The API's request and reply schemas. Requests are validated with them; the OpenAPI document is
 * generated from them. Replies are typed by the engine; their schemas here document them.
 */
import * as z from "zod";
import { runRequestSchema } from "../engine/request.js";
import { progressiveOutput, rollingOutput, rolloutProgress } from "../engine/steps/rollout-schemas.js";
import { securityOutput } from "../engine/steps/security.js";
import { testOutput } from "../engine/steps/test.js";
import { RUN_KINDS, RUN_STATUSES, STEP_STATUSES } from "../engine/types.js";
import { jsonSchemaOf } from "./zod.js";

/**
 * The public outputs the API's clients read, as their step contracts declare them: a rollout's
 * progress while it waits, then what it rolled out; a test's outcome; a security gate's judgement.
 */
const PUBLIC_OUTPUTS = [rolloutProgress, progressiveOutput, rollingOutput, testOutput, securityOutput].map((schema) =>
  jsonSchemaOf(schema),
);

const name = z.string().trim().min(1).max(200);

/** The run kinds' schemas, with their bounds: the API validates a submission with the engine's own. */
export const runRequest = runRequestSchema;

export const runFilter = z.strictObject({
  environment: name.optional(),
  status: z.enum(RUN_STATUSES).optional(),
  kind: z.enum(RUN_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50).describe("At most this many runs, newest first."),
});

export const runId = z.strictObject({ id: z.string().min(1).max(200) });

/** The body is optional: a bare POST cancels without a reason. */
export const cancelRequest = z.preprocess(
  (v) => v ?? {},
  z.strictObject({
    reason: z.string().trim().min(1).max(1000).optional().describe("Why, for the run's record and the audit log."),
  }),
);

export const runCommandRequest = z.preprocess(
  (v) => v ?? {},
  z.strictObject({
    comment: z.string().trim().min(1).max(1000).optional().describe("Why, for the run's log and the audit log."),
  }),
);

/** Only the event streams take it: a browser's EventSource cannot send an Authorization header. */
export const accessToken = z
  .string()
  .optional()
  .describe(
    "The bearer token, for a client that cannot send the Authorization header (a browser's EventSource). Accepted by the event streams only; never logged.",
  );

export const eventsQuery = z.strictObject({
  access_token: accessToken,
  after: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe("Only events with a greater id (the Last-Event-ID header wins)."),
  format: z
    .enum(["sse", "json"])
    .default("sse")
    .describe("sse: a live stream until the run ends; json: the events so far."),
});

export const tokenId = z.strictObject({ id: z.string().min(1).max(100) });

/** Why a run waits (the engine's WaitReason), a union by kind; `sinceMs` is when it began to. */
const waitReason = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("approval"), environment: z.string(), message: z.string(), pending: z.array(z.string()) }),
  z.object({
    kind: z.literal("window"),
    environment: z.string(),
    message: z.string(),
    opensAtMs: z.number().nullable(),
    timezone: z.string(),
  }),
  z.object({
    kind: z.literal("lock"),
    environment: z.string(),
    service: z.string(),
    message: z.string(),
    heldBy: z.string(),
  }),
  z.object({ kind: z.literal("timer"), message: z.string(), untilMs: z.number() }),
  z.object({ kind: z.literal("manual"), message: z.string() }),
  z
    .object({
      kind: z.literal("analysis"),
      environment: z.string(),
      service: z.string(),
      message: z.string(),
      strategy: z.enum(["canary", "blue-green"]),
      revision: z.number(),
      stable: z.number().nullable(),
      weight: z.number(),
      phase: z.string(),
      endsAtMs: z.number().nullable(),
      paused: z.boolean(),
      reasons: z.array(z.string()),
    })
    .describe("A canary bake or a blue-green analysis; `paused` waits for a person (promote-step or abort)."),
]);
const runError = z.object({
  message: z.string(),
  kind: z.string(),
  step: z.string().optional(),
  details: z
    .unknown()
    .optional()
    .describe(
      "More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0.",
    ),
});

const stepView = z.object({
  key: z.string(),
  kind: z.string(),
  title: z.string(),
  status: z.enum(STEP_STATUSES),
  attempts: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  output: z
    .unknown()
    .meta({ anyOf: [...PUBLIC_OUTPUTS, { type: "object", additionalProperties: true }], nullable: true })
    .describe(
      "The step's public output, as its kind declares it; never its private saved state. A rollout step's is, while a canary or blue-green rollout waits, its progress (phase, step, baseline counters and weight timeline); once done, the revision and tag it rolled out (and a canary's or blue-green's timeline). A test step's is its outcome (verdict, JUnit counts, load figures). A security step's is each image's verdict against the environment's policy (a refusal gives the same in its error's `details.security`). Other kinds give an object of their own; null when the step gave none yet.",
    ),
  error: runError.nullable(),
});

export const runView = z
  .object({
    id: z.string(),
    kind: z.enum(RUN_KINDS),
    status: z.enum(RUN_STATUSES),
    environment: z.string(),
    services: z.array(z.string()),
    actor: z.string(),
    request: z
      .object({
        kind: z.string(),
        environment: z.string(),
        services: z.array(z.string()),
        params: z.record(z.string(), z.unknown()),
      })
      .describe(
        "The request as planned: what was asked for, with its parameters (tag, target environments, replicas…).",
      ),
    waitReason: waitReason.nullable(),
    error: runError.nullable(),
    createdAt: z.number().describe("Milliseconds since the epoch, like every time in the API."),
    startedAt: z.number().nullable(),
    finishedAt: z.number().nullable(),
    stages: z.array(
      z.object({ key: z.string(), title: z.string(), environment: z.string().nullable(), steps: z.array(stepView) }),
    ),
  })

  .describe("A run with its stages and steps.");

const eventHead = { id: z.number(), runId: z.string(), at: z.number() };

export const runEvent = z
  .discriminatedUnion("type", [
    z.object({
      ...eventHead,
      type: z.literal("run"),
      data: z
        .object({
          status: z.enum(RUN_STATUSES),
          error: runError.nullable().optional(),
          waitReason: waitReason.optional(),
          wakeAt: z.number().nullable().optional(),
        })
        .describe("The run's status changed: why it waits, or its error."),
    }),
    z.object({
      ...eventHead,
      type: z.literal("step"),
      data: z
        .object({
          key: z.string(),
          status: z.enum(["running", "succeeded", "failed", "retrying"]),
          attempt: z.number(),
          error: runError.optional(),
          retryAt: z.number().optional(),
        })
        .describe("A step began, ended, or will be retried at `retryAt`."),
    }),
    z.object({
      ...eventHead,
      type: z.literal("log"),
      data: z
        .object({ step: z.string().nullable(), line: z.string() })
        .describe("A line a step, a gate or a person's command wrote."),
    }),
  ])
  .describe(
    "One event of a run, a union by `type`. In the SSE stream it is the data of an event whose id is `id` and whose name is `type`.",
  );
