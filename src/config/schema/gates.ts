import * as z from "zod";
import { described, displayName, duration, lazily, timeOfDay, weekday } from "./common.js";

export const APPROVAL_POLICIES = ["any", "all", "ordered", "minimum"] as const;

export const approvals = lazily(() =>
  z
    .strictObject({
      groups: z.array(displayName).min(1).apply(described, "Approver groups (names under groups)."),
      policy: z
        .enum(APPROVAL_POLICIES)
        .default("any")
        .apply(
          described,
          "any: one approval from any listed group; all: one from every group; ordered: one from every group, in the listed order; minimum: at least `minimum` distinct approvers from the listed groups.",
        ),
      minimum: z.number().int().min(1).optional().apply(described, "Distinct approvers needed when policy is minimum."),
      timeout: duration
        .default("24h")
        .apply(described, "How long a request waits for a decision before the run fails."),
      preventSelfApproval: z
        .boolean()
        .default(true)
        .apply(described, "The person who requested the run cannot approve it."),
    })
    .apply(described, "Who must approve before a stage deploys to this environment."),
);

const DATE_OR_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/;
const dateOrDateTime = z
  .string()
  .regex(DATE_OR_DATETIME, 'must be a date "YYYY-MM-DD" or a local date-time "YYYY-MM-DDTHH:MM"');

export const weeklyWindow = lazily(() =>
  z
    .strictObject({
      days: z.array(weekday).min(1).apply(described, "Days of the week: mon, tue, wed, thu, fri, sat, sun."),
      from: timeOfDay.describe("Opening time, local to the window's time zone."),
      to: timeOfDay.describe("Closing time (exclusive), local to the window's time zone."),
    })
    .apply(described, "A weekly opening."),
);

export const freeze = lazily(() =>
  z
    .strictObject({
      name: z.string().min(1),
      from: dateOrDateTime
        .optional()
        .apply(described, "Start of a one-off freeze (a date starts at 00:00 in the window's zone)."),
      to: dateOrDateTime
        .optional()
        .apply(described, "End of a one-off freeze, inclusive for a date, exclusive for a date-time."),
      cron: z
        .string()
        .optional()
        .apply(
          described,
          'Start of a recurring freeze as a cron expression in the window\'s zone, e.g. "0 0 25 12 *".',
        ),
      duration: duration.optional().apply(described, "Length of each recurring freeze."),
    })
    .apply(
      described,
      "A period when deployments are refused: a date range (from/to) or a recurring rule (cron + duration).",
    ),
);

export const windows = lazily(() =>
  z
    .strictObject({
      timezone: z.string().apply(described, 'IANA time zone the times are in, e.g. "America/New_York".'),
      weekly: z
        .array(weeklyWindow)
        .min(1)
        .apply(described, "When deployments may start. Outside these, a stage waits."),
      freezes: z.array(freeze).default([]).apply(described, "Freezes override the weekly openings."),
    })
    .apply(described, "Deployment windows. An environment without windows is always open."),
);
