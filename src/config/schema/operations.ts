import * as z from "zod";
import { described, duration, lazily } from "./common.js";

export const ALERT_PRIORITIES = ["P1", "P2", "P3", "P4"] as const;
export const INCIDENT_SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;

export const alertRoute = lazily(() =>
  z
    .strictObject({
      level: z.enum(["critical", "high", "medium", "low"]),
      notify: z
        .array(
          z.strictObject({
            channel: z.enum(["pagerduty", "slack", "email", "webhook"]),
            target: z.string().optional().apply(described, 'e.g. "#incidents".'),
            hours: z.enum(["always", "business"]).default("always"),
          }),
        )
        .min(1),
      escalation: z.array(z.string()).default([]).apply(described, "Who is paged next, in order."),
      review: z.enum(["none", "daily", "weekly"]).default("none"),
    })
    .apply(described, "Where alerts of one priority go."),
);

export const incidentSeverity = lazily(() =>
  z
    .strictObject({
      description: z.string(),
      response: duration.describe("Time to first response."),
      resolution: z.union([duration, z.literal("best-effort")]).apply(described, "Time to resolution."),
    })
    .apply(described, "One incident severity."),
);

export const alerts = lazily(() =>
  z
    .strictObject({
      routing: z.partialRecord(z.enum(ALERT_PRIORITIES), alertRoute).default({}),
    })
    .apply(described, "Alert routing by priority."),
);

export const incidents = lazily(() =>
  z
    .strictObject({
      severities: z.partialRecord(z.enum(INCIDENT_SEVERITIES), incidentSeverity).default({}),
    })
    .apply(described, "Incident severities."),
);

export const recovery = lazily(() =>
  z
    .strictObject({
      objectives: z
        .strictObject({
          rpo: duration.describe("Recovery point objective: the most data, in time, that may be lost."),
          rto: duration.describe("Recovery time objective: the longest a recovery may take."),
        })
        .optional(),
      backups: z
        .array(
          z.strictObject({
            data: z.string().apply(described, 'What is backed up, e.g. "Database".'),
            frequency: z.string().apply(described, '"continuous", "daily", "on change", "real-time", ...'),
            retention: z.union([duration, z.literal("unlimited")]),
            location: z.string(),
          }),
        )
        .default([]),
    })
    .apply(described, "Backup schedule and recovery objectives."),
);

export const monitoring = lazily(() =>
  z
    .strictObject({
      stack: z
        .array(z.strictObject({ component: z.string(), tool: z.string(), purpose: z.string().optional() }))
        .default([])
        .apply(described, "The tools that watch the platform."),
    })
    .apply(described, "Monitoring stack."),
);
