/**
 * Schemas of approvals, explanations and artifacts: requests are validated with them, the OpenAPI
 * document is generated from them, and the CLI reads its replies' types from them.
 */
import * as z from "zod";
import type { Explanation } from "../engine/explain.js";
import type { RunView } from "../engine/types.js";
import { runView } from "./schemas.js";

const name = z.string().trim().min(1).max(200);
const comment = z.string().trim().min(1).max(2000);

/** As the deploy planner checks it: refused here too, so a tag no rule deploys is still checked. */
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The body may be left out of an approval: a bare POST approves for the gate the run waits at. */
export const approveRequest = z.preprocess(
  (v) => v ?? {},
  z
    .strictObject({
      environment: name
        .optional()
        .describe(
          "The environment whose approval this is (a name or an alias); default: the one the run waits for. Refused when the run waits elsewhere.",
        ),
      group: name
        .optional()
        .describe(
          "The group to approve for, when you are in several that the gate waits for; default: the first of them.",
        ),
      comment: comment.optional().describe("Kept with the decision and in the audit log."),
    })
    .describe("An approval."),
);

export const rejectRequest = z
  .strictObject({
    environment: name
      .optional()
      .describe("The environment whose approval this is; default: the one the run waits for."),
    group: name.optional().describe("The group to reject for; default: the first the gate waits for that you are in."),
    comment: comment.describe("Why: required; the run fails with it."),
  })
  .describe("A rejection; the run fails with the comment.");

const decision = z.object({
  group: z.string(),
  actor: z.string(),
  decision: z.enum(["approve", "reject"]),
  at: z.number(),
  comment: z.string().optional(),
});

export const decidedRun = runView
  .extend({
    decision: decision
      .extend({ environment: z.string() })
      .describe("The decision just recorded, with the group it counts for."),
  })
  .describe(
    "The run after the decision. The engine goes on (or fails the run) moments later: `waitReason` may still show the approval.",
  );

export const pendingApproval = z
  .object({
    run: runView,
    environment: z.string().describe("Whose approval the run waits for."),
    waitingFor: z.array(z.string()).describe("The groups a member of which can approve now."),
    decisions: z.array(decision).describe("The decisions made so far, oldest first."),
    mayApprove: z.boolean().describe("Whether the caller may decide now."),
    why: z
      .string()
      .describe('"as GROUP" when the caller may; otherwise why not (requested it, already decided, not a member).'),
  })
  .describe("A run waiting for approval, seen by the caller.");

const moment = z.object({ local: z.string(), utc: z.string() });

export const explanation = z
  .object({
    run: z.string(),
    status: z.string(),
    summary: z.string().describe("One sentence: what the run waits for and the earliest moment it can go on."),
    waiting: z
      .object({
        kind: z.string().describe("approval, window, lock, timer or manual"),
        environment: z.string().nullable(),
        message: z.string(),
        earliest: moment
          .extend({ ms: z.number() })
          .nullable()
          .describe(
            "When the run can go on by itself (a window opening, a timer); null when it waits for people or another run.",
          ),
        approvals: z
          .object({
            policy: z.string(),
            groups: z.array(z.object({ group: z.string(), approvedBy: z.array(z.string()) })),
            waitingFor: z.array(z.string()),
            timesOutAt: moment.nullable(),
          })
          .optional(),
        lock: z.object({ heldBy: z.string() }).optional(),
        upcomingWindows: z
          .array(z.object({ environment: z.string(), open: z.boolean(), opens: moment.nullable() }))
          .optional()
          .describe("While waiting for an approval: the deployment windows still to pass, and when each opens."),
      })
      .nullable()
      .describe("null when the run does not wait."),
    ahead: z
      .array(
        z.object({
          environment: z.string(),
          kind: z.enum(["approval", "window", "test", "security"]),
          description: z
            .string()
            .describe(
              "The groups and policy, when the window opens, the test and its kind, or the severities the security gate blocks.",
            ),
          opens: moment.extend({ ms: z.number() }).nullable().describe("For a closed window: when it opens."),
          overriddenBy: z
            .string()
            .nullable()
            .describe("The emergency reason, when the run passes this gate without waiting for it."),
        }),
      )
      .describe("Every gate of every rung the run has not reached yet, in order; the one it waits at is `waiting`."),
    overrides: z
      .array(z.object({ environment: z.string(), gate: z.literal("window"), reason: z.string() }))
      .describe("For an emergency run: the gates it overrides (deployment windows; approvals and tests still apply)."),
    then: z
      .array(
        z.object({
          environment: z.string(),
          from: z.string(),
          deployment: z.enum(["auto", "scheduled"]),
          next: moment.extend({ ms: z.number() }).nullable().describe("For scheduled: the next time of its cron."),
        }),
      )
      .describe("Environments that take the tag on by themselves afterwards (deployment auto or scheduled)."),
  })
  .describe("Why a run waits, when it can go on, and every gate still ahead.");

export const artifactRequest = z
  .strictObject({
    service: name.describe("The service the artifact is an image of."),
    tag: z
      .string()
      .regex(IMAGE_TAG, "an image tag: letters, digits, '.', '_', '-'; at most 128")
      .describe("The image tag that was built."),
    branch: z.string().trim().min(1).max(250).optional().describe("The branch it was built from."),
    gitTag: z.string().trim().min(1).max(250).optional().describe("The git tag it was built from."),
    digest: z
      .string()
      .regex(/^sha256:[a-f0-9]{64}$/, "an image digest: sha256: and 64 hexadecimal digits")
      .optional()
      .describe("The pushed image's digest, so promotion can pin exactly what was built."),
    commit: z
      .string()
      .regex(/^([a-f0-9]{40}|[a-f0-9]{64})$/, "a full commit SHA (40 or 64 hexadecimal digits)")
      .optional()
      .describe("The source commit the image was built from."),
    commitTime: z.iso
      .datetime({ offset: true })
      .optional()
      .describe("When that commit was made (ISO 8601): where lead time starts."),
  })
  .superRefine((body, ctx) => {
    if ((body.branch === undefined) === (body.gitTag === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `give exactly one of branch and gitTag, ${body.branch === undefined ? "not neither" : "not both"}`,
      });
    }
  })
  .describe("A newly built artifact. Give exactly one of branch and gitTag.");

export const artifactResult = z
  .object({
    artifact: z.object({
      service: z.string(),
      tag: z.string(),
      branch: z.string().optional(),
      gitTag: z.string().optional(),
      digest: z.string().optional(),
      commit: z.string().optional(),
      commitTime: z.string().optional(),
    }),
    runs: z.array(runView).describe("One deploy run per environment whose trigger rules match, in ladder order."),
    message: z.string().describe("What was started, or that no rule matched."),
  })
  .describe("The artifact and the runs it started.");

export type DecidedRun = RunView & { decision: z.output<typeof decision> & { environment: string } };
export type PendingApprovalView = z.output<typeof pendingApproval>;
export type ExplanationView = Explanation;
export type ArtifactResult = {
  artifact: z.output<typeof artifactResult>["artifact"];
  runs: RunView[];
  message: string;
};
