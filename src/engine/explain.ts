import type { Platform } from "../config/types.js";
import { evaluateApprovals } from "../gates/approvals.js";
import type { ApprovalDecision } from "../gates/approvals.js";
import { describeMoment, windowState } from "../gates/windows.js";
import { isKind } from "../kind.js";
import { policyText } from "../platform/describe.js";
import { aheadText, afterText, gatesAhead, overridesOf, overridesText, promotionsAfter } from "./explain-ahead.js";
import type { GateAhead, Override, PromotionAfter } from "./explain-ahead.js";
import { approvalGateOf } from "./infra-gate.js";
import { FINAL_STATUSES } from "./types.js";
import type { RunView } from "./types.js";
import { utcText } from "../gates/utc-text.js";

export type { GateAhead, Override, PromotionAfter } from "./explain-ahead.js";

export interface Explanation {
  run: string;
  status: RunView["status"];
  /** One sentence a person can act on. */
  summary: string;
  waiting: null | {
    kind: string;
    environment: string | null;
    message: string;
    /** The earliest moment the run can go on by itself; null when it waits for a person or another run. */
    earliest: { ms: number; local: string; utc: string } | null;
    approvals?: {
      policy: string;
      groups: { group: string; approvedBy: string[] }[];
      waitingFor: string[];
      timesOutAt: { local: string; utc: string } | null;
    };
    lock?: { heldBy: string };
    analysis?: {
      strategy: string;
      service: string;
      revision: number;
      stable: number | null;
      weight: number;
      phase: string;
      paused: boolean;
      reasons: string[];
    };
    /** Deployment windows the run still has to pass after this gate, and when each opens. */
    upcomingWindows?: { environment: string; open: boolean; opens: { local: string; utc: string } | null }[];
  };
  /** Every gate of every rung the run has not reached yet, in order (the one it waits at is `waiting`). */
  ahead: GateAhead[];
  /** For an emergency run: the gates it passes without waiting (deployment windows; approvals and tests still apply). */
  overrides: Override[];
  /** Environments that take the run's tag on by themselves afterwards (deployment auto or scheduled), with the next scheduled time. */
  then: PromotionAfter[];
}

type Core = Omit<Explanation, "ahead" | "overrides" | "then">;

/** Why a run waits and when it can go on, with every gate still ahead. Pure: the caller passes the decisions and the moment. */
export function explainRun(
  platform: Platform,
  run: RunView,
  decisions: ApprovalDecision[],
  nowMs: number,
): Explanation {
  const final = FINAL_STATUSES.includes(run.status);
  const ahead = final ? [] : gatesAhead(platform, run, nowMs);
  const overrides = overridesOf(run);
  const then = run.status === "failed" || run.status === "cancelled" ? [] : promotionsAfter(platform, run, nowMs);
  const core = explainNow(platform, run, decisions, nowMs, ahead);
  const summary = `${core.summary}${aheadText(ahead)}${overridesText(overrides)}${afterText(then)}`;
  return { ...core, summary, ahead, overrides, then };
}

function explainNow(
  platform: Platform,
  run: RunView,
  decisions: ApprovalDecision[],
  nowMs: number,
  ahead: GateAhead[],
): Core {
  const reason = run.waitReason;
  if (run.status !== "waiting" || !reason) {
    const summary =
      run.status === "failed"
        ? `failed: ${run.error?.message ?? "unknown error"}`
        : run.status === "running"
          ? "running now"
          : `${run.status}`;
    return { run: run.id, status: run.status, summary, waiting: null };
  }
  const at = (ms: number, zone: string) => ({ ms, ...describeMoment(ms, zone) });
  switch (reason.kind) {
    case "window": {
      const env = platform.environments[reason.environment];
      const state = windowState(env?.windows, nowMs);
      const opens =
        !state.open && state.nextOpenMs !== undefined
          ? at(state.nextOpenMs, reason.timezone)
          : reason.opensAtMs !== null
            ? at(reason.opensAtMs, reason.timezone)
            : null;
      const summary = opens
        ? `waits for the deployment window of ${reason.environment}: opens ${opens.local} (${opens.utc})`
        : `waits for the deployment window of ${reason.environment}, which does not open within a year`;
      return {
        run: run.id,
        status: run.status,
        summary,
        waiting: { kind: "window", environment: reason.environment, message: reason.message, earliest: opens },
      };
    }
    case "approval": {
      const gate = approvalGateOf(platform, run, reason.environment);
      const state = gate ? evaluateApprovals(gate, decisions) : undefined;
      const groups = (gate?.groups ?? []).map((group) => ({
        group,
        approvedBy: decisions.filter((d) => d.group === group && d.decision === "approve").map((d) => d.actor),
      }));
      const waitingFor = state?.status === "pending" ? state.waitingFor : [];
      const zone = platform.environments[reason.environment]?.windows?.timezone ?? "UTC";
      const timesOutAt = run.wakeAt ? describeMoment(run.wakeAt, zone) : null;
      const policy = gate ? policyText(gate.policy) : "unknown";
      const upcoming = ahead
        .filter((g) => isKind(g, "window") && g.overriddenBy === null)
        .map((g) => ({
          environment: g.environment,
          open: g.description === "open now",
          opens: g.opens ? { local: g.opens.local, utc: g.opens.utc } : null,
        }));
      const summary = `waits for approval of ${reason.environment}: ${state?.status === "pending" ? state.message : reason.message}${timesOutAt ? ` (times out ${utcText(run.wakeAt ?? 0)})` : ""}`;
      return {
        run: run.id,
        status: run.status,
        summary,
        waiting: {
          kind: "approval",
          environment: reason.environment,
          message: reason.message,
          earliest: null,
          approvals: { policy, groups, waitingFor, timesOutAt },
          upcomingWindows: upcoming,
        },
      };
    }
    case "lock":
      return {
        run: run.id,
        status: run.status,
        summary:
          reason.service === "terraform"
            ? `waits for the terraform state of ${reason.environment}, locked by ${reason.heldBy}`
            : `waits for run ${reason.heldBy}, which holds the lock of ${reason.service} in ${reason.environment}`,
        waiting: {
          kind: "lock",
          environment: reason.environment,
          message: reason.message,
          earliest: null,
          lock: { heldBy: reason.heldBy },
        },
      };
    case "timer":
      return {
        run: run.id,
        status: run.status,
        summary: `${reason.message}; goes on at ${utcText(reason.untilMs)}`,
        waiting: { kind: "timer", environment: null, message: reason.message, earliest: at(reason.untilMs, "UTC") },
      };
    case "manual":
      return {
        run: run.id,
        status: run.status,
        summary: `waits for a person: ${reason.message}`,
        waiting: { kind: "manual", environment: null, message: reason.message, earliest: null },
      };
    case "analysis": {
      const how = reason.paused
        ? `; paused for a person: \`quikship promote-step ${run.id}\` goes on, \`quikship abort ${run.id}\` sends all traffic back to revision ${reason.stable ?? "(none)"}`
        : reason.endsAtMs !== null
          ? `; goes on by itself at ${utcText(reason.endsAtMs)} unless analysis aborts it (\`quikship promote-step ${run.id}\` ends it early)`
          : "";
      const why = reason.reasons.length ? ` (${reason.reasons.join("; ")})` : "";
      return {
        run: run.id,
        status: run.status,
        summary: `${reason.message}${why}${how}`,
        waiting: {
          kind: "analysis",
          environment: reason.environment,
          message: reason.message,
          earliest: !reason.paused && reason.endsAtMs !== null ? at(reason.endsAtMs, "UTC") : null,
          analysis: {
            strategy: reason.strategy,
            service: reason.service,
            revision: reason.revision,
            stable: reason.stable,
            weight: reason.weight,
            phase: reason.phase,
            paused: reason.paused,
            reasons: reason.reasons,
          },
        },
      };
    }
  }
}
