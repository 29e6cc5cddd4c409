import { appendAudit } from "../audit/append.js";
import type { Platform } from "../config/types.js";
import { ConflictError, ForbiddenError, InputError } from "../errors.js";
import { mayDecide } from "../gates/approvals.js";
import { isKind } from "../kind.js";
import { findEnvironment } from "../platform/lookup.js";
import { insertDecision, listDecisions } from "../store/approvals/decisions.js";
import type { Db } from "../store/database.js";
import { recordEvent } from "./events.js";
import { wakeWaitingRun } from "../store/runs/update.js";
import { approvalGateOf } from "./infra-gate.js";
import type { RunView } from "./types.js";

export interface DecisionRequest {
  actor: string;
  /** The token that asked, recorded in the audit entry. */
  actorToken?: string | null;
  /** How the maker proved who they are (a sign-in, a personal token), recorded in the audit entry. */
  actorAuth?: string | undefined;
  /** The actor's groups, from the platform file. */
  groups: string[];
  decision: "approve" | "reject";
  environment?: string | undefined;
  group?: string | undefined;
  comment?: string | undefined;
}

/**
 * Records an approval or a rejection of a run waiting at an environment's approval gate, and
 * wakes the run. Only members of a group the gate waits for may decide; not the requester where
 * self-approval is prevented; each person once; a rejection needs a comment.
 */
export async function recordDecision(
  db: Db,
  platform: Platform,
  run: RunView,
  request: DecisionRequest,
  nowMs: number,
): Promise<void> {
  const waiting = run.status === "waiting" && isKind(run.waitReason, "approval") ? run.waitReason : undefined;
  const environment = request.environment ? findEnvironment(platform, request.environment).name : waiting?.environment;
  if (!environment)
    throw new ConflictError(
      `run ${run.id} is not waiting for an approval (it is ${run.status}); see \`quikship explain ${run.id}\``,
    );
  if (!waiting || waiting.environment !== environment) {
    throw new ConflictError(
      `run ${run.id} is not waiting for approval of ${environment}${waiting ? ` (it waits for ${waiting.environment})` : ""}`,
    );
  }
  const gate = approvalGateOf(platform, run, environment);
  if (!gate) throw new ConflictError(`${environment} needs no approval`);
  if (request.decision === "reject" && !request.comment?.trim())
    throw new InputError('a rejection needs a comment saying why: --comment "..."');
  const decisions = await listDecisions(db.kysely, run.id, environment);
  const check = mayDecide(gate, decisions, {
    actor: request.actor,
    groups: request.groups,
    requester: run.actor,
    group: request.group,
  });
  if (!check.allowed) throw new ForbiddenError(check.reason);
  await db.transaction(async (tx) => {
    await insertDecision(tx, run.id, environment, {
      group: check.group,
      actor: request.actor,
      decision: request.decision,
      at: nowMs,
      comment: request.comment,
    });
    await wakeWaitingRun(tx, run.id, nowMs);
    await recordEvent(tx, run.id, nowMs, {
      type: "log",
      data: {
        step: `${environment}/approval`,
        line: `${request.decision === "approve" ? "approved" : "rejected"} by ${request.actor} for ${check.group}${request.comment ? `: ${request.comment}` : ""}`,
      },
    });
    const data = {
      environment,
      group: check.group,
      comment: request.comment ?? null,
      actorToken: request.actorToken ?? null,
      ...(request.actorAuth === undefined ? {} : { actorAuth: request.actorAuth }),
    };
    await appendAudit(
      tx,
      db,
      { actor: request.actor, action: `approval.${request.decision}`, subject: run.id, data },
      nowMs,
    );
  });
}
