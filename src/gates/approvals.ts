import type { Approvals } from "../config/types.js";

/** One recorded decision; decisions are final. */
export interface ApprovalDecision {
  group: string;
  actor: string;
  decision: "approve" | "reject";
  at: number;
  comment?: string | undefined;
}

export type ApprovalState =
  | { status: "approved"; approvals: { group: string; actor: string }[] }
  | { status: "rejected"; by: { group: string; actor: string; comment: string | undefined } }
  /** `waitingFor`: the groups any of whose members can approve now. */
  | { status: "pending"; waitingFor: string[]; message: string };

const approvalsOf = (decisions: ApprovalDecision[]) => decisions.filter((d) => d.decision === "approve");

/** Where a gate stands after the decisions made so far. Pure. */
export function evaluateApprovals(gate: Approvals, decisions: ApprovalDecision[]): ApprovalState {
  const rejection = decisions.find((d) => d.decision === "reject");
  if (rejection)
    return { status: "rejected", by: { group: rejection.group, actor: rejection.actor, comment: rejection.comment } };
  const approved = approvalsOf(decisions);
  const done = (): ApprovalState => ({
    status: "approved",
    approvals: approved.map((d) => ({ group: d.group, actor: d.actor })),
  });
  const satisfied = new Set(approved.map((d) => d.group));
  const missing = gate.groups.filter((g) => !satisfied.has(g));
  switch (gate.policy.kind) {
    case "any":
      return approved.length > 0
        ? done()
        : {
            status: "pending",
            waitingFor: gate.groups,
            message: `waiting for one approval from ${gate.groups.join(" or ")}`,
          };
    case "all":
      return missing.length === 0
        ? done()
        : { status: "pending", waitingFor: missing, message: `waiting for approvals from ${missing.join(", ")}` };
    case "ordered":
      return missing.length === 0
        ? done()
        : {
            status: "pending",
            waitingFor: [missing[0]!],
            message: `waiting for ${missing[0]} (approvals in order: ${gate.groups.join(" → ")})`,
          };
    case "minimum": {
      const people = new Set(approved.map((d) => d.actor)).size;
      const needed = gate.policy.count - people;
      return needed <= 0
        ? done()
        : {
            status: "pending",
            waitingFor: gate.groups,
            message: `waiting for ${needed} more approver${needed === 1 ? "" : "s"} from ${gate.groups.join(", ")} (${people} of ${gate.policy.count})`,
          };
    }
  }
}

export type ApprovalCheck = { allowed: true; group: string } | { allowed: false; reason: string };

/**
 * Whether a person may decide now, and for which group their decision counts: a member of a group
 * the gate waits for, not the requester where self-approval is prevented, once per person.
 */
export function mayDecide(
  gate: Approvals,
  decisions: ApprovalDecision[],
  who: { actor: string; groups: string[]; requester: string; group?: string | undefined },
): ApprovalCheck {
  const state = evaluateApprovals(gate, decisions);
  if (state.status !== "pending") return { allowed: false, reason: `the approval is already ${state.status}` };
  if (gate.preventSelfApproval && who.actor === who.requester)
    return { allowed: false, reason: `${who.actor} requested this run and cannot approve it (no self-approval here)` };
  if (decisions.some((d) => d.actor === who.actor))
    return { allowed: false, reason: `${who.actor} has already decided on this approval` };
  const candidates = state.waitingFor.filter(
    (g) => who.groups.includes(g) && (who.group === undefined || who.group === g),
  );
  if (candidates.length === 0) {
    const wanted = who.group
      ? `${who.group} (waiting for: ${state.waitingFor.join(", ")})`
      : state.waitingFor.join(", ");
    return { allowed: false, reason: `${who.actor} is not a member of ${wanted}` };
  }
  return { allowed: true, group: candidates[0]! };
}
