/**
 * Schemas of what runs where: the status matrix, a service's revisions, its instances' logs, and
 * the preview of a deploy. Requests are validated with them; replies are typed from them, so the
 * OpenAPI document and the code cannot drift apart.
 */
import * as z from "zod";

const name = z.string().trim().min(1).max(200);

export const HEALTHS = ["healthy", "degraded", "down", "not-deployed", "unknown"] as const;
export type Health = (typeof HEALTHS)[number];

export const statusQuery = z.strictObject({
  environment: name
    .optional()
    .describe("Only this environment (a name or an alias); every environment in ladder order when absent."),
});

export const serviceNames = z.strictObject({
  environment: name.describe("Environment name or alias."),
  service: name.describe("Service name."),
});

export const historyQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe("At most this many revisions, newest first."),
});

export const logsQuery = z.strictObject({
  revision: z.coerce.number().int().min(1).optional().describe("Only the lines of this revision's instances."),
  after: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe("Only lines with a greater `seq`: pass the `last` of the previous answer to follow."),
});

export const previewRequest = z
  .strictObject({
    environment: name.describe("Environment name or alias."),
    services: z.array(name).min(1).max(500).describe('Service names, or ["all"].'),
    tag: z.string().trim().min(1).max(200).describe("The image tag a deploy would roll out."),
  })
  .describe("The deploy to preview.");

const runningRevision = z.object({
  revision: z.number(),
  tag: z.string(),
  desired: z.number(),
  ready: z.number(),
  restarts: z.number(),
  problems: z
    .array(z.string())
    .describe(
      "What the target sees wrong with the revision, each naming its source: a Deployment condition not met (Available, Progressing, ProgressDeadlineExceeded), a pod in CrashLoopBackOff with its restarts.",
    ),
});

export const serviceStatus = z
  .object({
    service: z.string(),
    revision: z.number().nullable().describe("The active revision (from the store); null when not deployed."),
    tag: z.string().nullable(),
    digest: z
      .string()
      .nullable()
      .describe("The image digest the active revision runs; null where no registry is asked."),
    activatedAt: z.number().nullable(),
    desired: z
      .number()
      .nullable()
      .describe("Instances wanted, over every revision the target runs; null when the target did not answer."),
    ready: z.number().nullable(),
    restarts: z.number().nullable(),
    weights: z.record(z.string(), z.number()).describe("Percent of traffic by revision number."),
    revisions: z.array(runningRevision).describe("What the target runs, per revision."),
    health: z
      .enum(HEALTHS)
      .describe(
        "healthy: ready = desired > 0; degraded: 0 < ready < desired; down: none ready; not-deployed: no active revision; unknown: the target did not answer.",
      ),
    message: z
      .string()
      .nullable()
      .describe("Why the health is unknown, degraded or down, with the problems the target reports."),
    rolloutInProgress: z
      .object({ runId: z.string(), kind: z.string(), status: z.string() })
      .nullable()
      .describe("The oldest unfinished deploy, rollback, restart or scale run of this service here."),
  })
  .describe("One service in one environment.");

export const environmentStatus = z.object({
  environment: z.string(),
  position: z.number(),
  target: z.string().describe("The kind of target the environment runs on."),
  router: z
    .object({ url: z.string(), port: z.number() })
    .nullable()
    .describe("The local router's address; null unless the target is local and its agent runs."),
  services: z.array(serviceStatus),
});

export const statusView = z
  .object({ at: z.number(), environments: z.array(environmentStatus) })
  .describe("The environment × service matrix.");

export const revisionView = z.object({
  revision: z.number(),
  tag: z.string(),
  digest: z.string().nullable().describe("The image digest the revision runs; null where no registry is asked."),
  replicas: z.number(),
  status: z.enum(["pending", "active", "standby", "superseded", "failed"]),
  runId: z.string(),
  createdAt: z.number(),
  activatedAt: z.number().nullable(),
  cause: z.string().nullable().describe('"deploy", "rollback to revision N", ...'),
  actor: z.string().nullable(),
});

export const historyView = z
  .object({ environment: z.string(), service: z.string(), revisions: z.array(revisionView) })
  .describe("A service's revisions in an environment, newest first.");

export const logsView = z
  .object({
    environment: z.string(),
    service: z.string(),
    lines: z.array(
      z.object({
        seq: z.number(),
        at: z.number(),
        instance: z.string(),
        stream: z.enum(["stdout", "stderr", "agent"]),
        text: z.string().describe("Secret values masked as ********."),
      }),
    ),
    last: z.number().describe("The greatest seq answered (or `after` when none): the `after` of the next call."),
  })
  .describe("Output lines of a service's instances, oldest first.");

const moment = z.object({ local: z.string(), utc: z.string() });

const variableView = z.union([
  z.object({
    value: z.union([z.string(), z.number(), z.boolean()]),
    secret: z.literal(false),
    source: z.string(),
    overrides: z.array(z.string()),
  }),
  z.object({
    value: z.literal("********"),
    secret: z.literal(true),
    reference: z.string(),
    source: z.string(),
    overrides: z.array(z.string()),
  }),
]);

export const servicePreview = z.object({
  service: z.string(),
  change: z
    .enum(["install", "update", "redeploy"])
    .describe("install: not deployed yet; update: another tag; redeploy: the same tag again, as a new revision."),
  current: z.object({ revision: z.number(), tag: z.string(), replicas: z.number() }).nullable(),
  next: z.object({ tag: z.string(), replicas: z.number() }),
  strategy: z
    .record(z.string(), z.unknown())
    .describe(
      "The strategy, with `source`: environment, or service (its override), and `traffic`: how revisions share traffic, `weights` (the local router, a Kubernetes Gateway), `replica ratio` (Kubernetes without a Gateway; each canary step then carries `pods`: the canary's and the stable revision's replicas) `service selector` (blue-green on Kubernetes without a Gateway: the switch is one write of the service's Service selector) or `deployment controller` (a rolling update on Kubernetes: the service's one Deployment rolled in place by its controller, with the strategy's maxSurge and maxUnavailable).",
    ),
  variables: z
    .record(z.string(), variableView)
    .describe("What the instances would get; secrets masked, with their reference."),
  lock: z
    .object({ heldBy: z.string(), since: z.number() })
    .nullable()
    .describe("The run holding this service's lock here, which a deploy would wait for."),
});

export const previewView = z
  .object({
    environment: z.string(),
    tag: z.string(),
    at: z.number(),
    gates: z.object({
      approvals: z
        .object({
          groups: z.array(z.string()),
          policy: z.enum(["any", "all", "ordered", "minimum"]),
          minimum: z.number().optional(),
          timeout: z.string(),
          preventSelfApproval: z.boolean(),
        })
        .nullable(),
      window: z.object({
        open: z.boolean(),
        always: z.boolean(),
        closesAt: moment.nullable(),
        nextOpening: moment.nullable(),
        reason: z.string().nullable(),
      }),
      lockPolicy: z.enum(["sequential", "runLatest"]),
    }),
    services: z.array(servicePreview),
  })
  .describe("What a deploy would change; nothing was changed.");

export type ServiceStatusView = z.output<typeof serviceStatus>;
export type EnvironmentStatusView = z.output<typeof environmentStatus>;
export type StatusView = z.output<typeof statusView>;
export type RevisionView = z.output<typeof revisionView>;
export type HistoryView = z.output<typeof historyView>;
export type LogsView = z.output<typeof logsView>;
export type ServicePreview = z.output<typeof servicePreview>;
export type PreviewView = z.output<typeof previewView>;
