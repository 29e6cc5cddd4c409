import type { AuditEntryView, AuditVerificationView } from "../../api/audit-schemas.js";
import { parseDurationMs } from "../../config/duration.js";
import { UsageError } from "../../errors.js";
import { clientFor, timeText } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit, table } from "../output.js";

export interface AuditOptions extends ClientOptions {
  since?: string;
  env?: string;
  action?: string;
  limit?: string;
  known?: string;
}

const DURATION = /^(\d+(ms|s|m|h|d|w))+$/;
const MOMENT = /^(\d+|\d{4}-\d{2}-\d{2}.*)$/;
const KNOWN = /^\d+:[0-9a-f]{64}$/;

/** `quikship audit [verify]`: the entries, or the verification of their hash chain. */
export async function audit(action: string | undefined, options: AuditOptions): Promise<number> {
  if (action === "verify") {
    const misplaced = (["since", "env", "action", "limit"] as const).find((o) => options[o] !== undefined);
    if (misplaced !== undefined)
      throw new UsageError(`--${misplaced} selects entries to list; \`audit verify\` always checks them all`);
    return verify(options);
  }
  if (options.known !== undefined) throw new UsageError("--known is for `quikship audit verify`");
  return list(options);
}

/** "24h" ago, or an ISO 8601 date-time or epoch milliseconds as given (the server checks it). */
function sinceParam(text: string | undefined): string | number | undefined {
  if (text === undefined) return undefined;
  if (DURATION.test(text)) return Date.now() - parseDurationMs(text);
  if (MOMENT.test(text)) return text;
  throw new UsageError(
    `--since must be a duration back from now (24h, 7d) or an ISO 8601 date-time (2026-01-05T10:00:00Z), got "${text}"`,
  );
}

function limitParam(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit must be a whole number of entries, got "${text}"`);
  return n;
}

async function list(options: AuditOptions): Promise<number> {
  const entries = await clientFor(options).get<AuditEntryView[]>("/v1/audit", {
    since: sinceParam(options.since),
    env: options.env,
    action: options.action,
    limit: limitParam(options.limit),
  });
  emit(options, entries, (rows) =>
    rows.length === 0
      ? "no audit entries"
      : table(
          ["SEQ", "TIME", "ACTOR", "ACTION", "SUBJECT"],
          rows.map((e) => [e.seq, timeText(e.at), e.actor, e.action, e.subject]),
        ),
  );
  return 0;
}

async function verify(options: AuditOptions): Promise<number> {
  if (options.known !== undefined && !KNOWN.test(options.known)) {
    throw new UsageError(
      `--known must be SEQ:HASH as an earlier \`quikship audit verify\` printed it, got "${options.known}"`,
    );
  }
  const result = await clientFor(options).get<AuditVerificationView>("/v1/audit/verify", { known: options.known });
  emit(options, result, verificationText);
  return result.ok ? 0 : 1;
}

function verificationText(result: AuditVerificationView): string {
  const count = `${result.entries} ${result.entries === 1 ? "entry" : "entries"}`;
  const anchor = `anchor: ${result.anchor.message}`;
  if (!result.ok) return `audit trail verification failed (${count}): ${result.firstBad.message}\n${anchor}`;
  const lines = [`audit trail verified: ${count}, chain intact`];
  if (result.last !== null) {
    lines.push(`last entry ${result.last.seq} at ${timeText(result.last.at)}: ${result.last.seq}:${result.last.hash}`);
    lines.push(
      "keep that SEQ:HASH elsewhere: `quikship audit verify --known SEQ:HASH` also detects entries removed from the end",
    );
  }
  lines.push(anchor);
  return lines.join("\n");
}
