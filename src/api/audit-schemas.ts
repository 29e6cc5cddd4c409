/**
 * Schemas of the audit routes: the log's entries and the result of verifying its hash chain.
 * Replies are typed from them, so the OpenAPI document and the code cannot drift apart.
 */
import * as z from "zod";
import { AUDIT_PROBLEMS } from "../audit/entry.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** "2026-01-05T10:00:00Z" (any ISO 8601 date or date-time) or milliseconds since the epoch; undefined when neither. */
export function parseTime(text: string): number | undefined {
  const ms = /^\d+$/.test(text) ? Number(text) : ISO_DATE.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isSafeInteger(ms) ? ms : undefined;
}

const time = z
  .string()
  .trim()
  .refine(
    (t) => parseTime(t) !== undefined,
    "must be an ISO 8601 date-time such as 2026-01-05T10:00:00Z, or milliseconds since the epoch",
  )
  .transform((t) => parseTime(t)!);

export const auditQuery = z.strictObject({
  since: time
    .optional()
    .describe("Only entries at or after this moment: an ISO 8601 date-time, or milliseconds since the epoch."),
  env: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("Only entries about this environment (name or alias): its `data.environment`, or its subject."),
  action: z.string().trim().min(1).max(200).optional().describe("Only entries of this action, e.g. run.submit."),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .describe("At most this many entries: the newest that match, oldest first."),
});

export const KNOWN_ENTRY = /^(\d+):([0-9a-f]{64})$/;

export const verifyQuery = z.strictObject({
  known: z
    .string()
    .trim()
    .regex(KNOWN_ENTRY, "must be SEQ:HASH, the last entry's seq and hash from an earlier verification")
    .transform((t) => {
      const [, seq, hash] = KNOWN_ENTRY.exec(t)!;
      return { seq: Number(seq), hash: hash! };
    })
    .optional()
    .describe(
      "SEQ:HASH of an entry kept elsewhere: verification fails when it is gone (the log was cut short) or differs.",
    ),
});

export const auditEntryView = z
  .object({
    seq: z.number().describe("1, 2, 3, ... without gaps."),
    at: z.number(),
    actor: z.string().describe("The token's user, or quikship for what the server does by itself."),
    action: z.string(),
    subject: z.string(),
    data: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string().describe('sha256(prevHash + "\\n" + canonical JSON of {seq, at, actor, action, subject, data}).'),
  })
  .describe("One entry of the audit log.");

export type AuditEntryView = z.infer<typeof auditEntryView>;

const head = z.object({ seq: z.number(), at: z.number(), hash: z.string() });

const anchorView = z
  .discriminatedUnion("state", [
    z.object({ state: z.literal("off"), message: z.string() }),
    z.object({
      state: z.literal("on"),
      keyId: z.string().describe("The first 16 hex digits of sha256 of the audit key's public half."),
      checkpoints: z.number().describe("Valid signed checkpoints found, in the database and the sink together."),
      last: z
        .object({ seq: z.number(), at: z.number() })
        .nullable()
        .describe("The newest valid checkpoint: the log up to it is proven; entries after it are not."),
      message: z.string().describe("What the checkpoints prove, and what they cannot."),
    }),
  ])
  .describe(
    "The signed checkpoints' part: `off` when the server holds no audit key, so only the hash chain was checked.",
  );

export const auditVerificationView = z
  .discriminatedUnion("ok", [
    z.object({
      ok: z.literal(true),
      entries: z.number(),
      last: head
        .nullable()
        .describe("The newest entry; keep its seq and hash elsewhere to detect a log cut short later (`known`)."),
      anchor: anchorView,
    }),
    z.object({
      ok: z.literal(false),
      entries: z.number(),
      firstBad: z.object({ seq: z.number(), problem: z.enum(AUDIT_PROBLEMS), message: z.string() }),
      anchor: anchorView,
    }),
  ])
  .describe(
    "The audit log's hash chain recomputed from the first entry and checked against the signed checkpoints: intact, or the first entry that is not.",
  );

export type AuditVerificationView = z.infer<typeof auditVerificationView>;
