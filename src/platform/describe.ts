import { formatDurationMs } from "../config/duration.js";
import type { ApprovalPolicy, Approvals, Environment, Freeze, Strategy, Windows } from "../config/types.js";

/** Short texts and JSON views of platform parts, shared by the commands and the API that show them. */

export function strategyText(s: Strategy): string {
  switch (s.type) {
    case "rolling":
      return `rolling (surge ${s.maxSurge}, unavailable ${s.maxUnavailable})`;
    case "canary":
      return `canary${s.plan ? ` ${s.plan}` : ""} ${s.steps.map((st) => (st.bakeMs ? `${st.weight}%/${formatDurationMs(st.bakeMs)}` : `${st.weight}%`)).join(" → ")}`;
    case "blue-green":
      return `blue-green (standby ${formatDurationMs(s.standbyMs)})`;
  }
}

/** "any", "all", "ordered" or "minimum 2". */
export function policyText(policy: ApprovalPolicy): string {
  switch (policy.kind) {
    case "minimum":
      return `minimum ${policy.count}`;
    case "any":
    case "all":
    case "ordered":
      return policy.kind;
  }
}

export function approvalsText(a: Approvals | undefined): string {
  if (!a) return "none";
  return `${a.groups.join(" + ")} (${policyText(a.policy)}, timeout ${formatDurationMs(a.timeoutMs)})`;
}

const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

export function windowsText(w: Windows | undefined): string {
  if (!w) return "always open";
  const rules = w.weekly.map((r) => `${r.days.join(",")} ${hhmm(r.fromMinute)}-${hhmm(r.toMinute)}`).join("; ");
  return `${rules} ${w.timezone}${w.freezes.length ? `, ${w.freezes.length} freeze${w.freezes.length === 1 ? "" : "s"}` : ""}`;
}

export function strategyJson(s: Strategy): Record<string, unknown> {
  switch (s.type) {
    case "rolling":
      return { ...s };
    case "canary":
      return {
        type: s.type,
        plan: s.plan ?? null,
        steps: s.steps.map((st) => ({ weight: st.weight, bake: st.bakeMs ? formatDurationMs(st.bakeMs) : null })),
      };
    case "blue-green":
      return {
        type: s.type,
        previewAnalysis: formatDurationMs(s.previewAnalysisMs),
        postSwitchAnalysis: formatDurationMs(s.postSwitchAnalysisMs),
        standby: formatDurationMs(s.standbyMs),
      };
  }
}

export interface ApprovalsJson {
  groups: string[];
  policy: Approvals["policy"]["kind"];
  minimum?: number;
  timeout: string;
  preventSelfApproval: boolean;
}

export function approvalsJson(a: Approvals | undefined): ApprovalsJson | null {
  if (!a) return null;
  return {
    groups: a.groups,
    policy: a.policy.kind,
    ...("count" in a.policy ? { minimum: a.policy.count } : {}),
    timeout: formatDurationMs(a.timeoutMs),
    preventSelfApproval: a.preventSelfApproval,
  };
}

export function windowsJson(w: Windows | undefined): Record<string, unknown> | null {
  if (!w) return null;
  return {
    timezone: w.timezone,
    weekly: w.weekly.map((r) => ({ days: r.days, from: hhmm(r.fromMinute), to: hhmm(r.toMinute) })),
    freezes: w.freezes.map(freezeJson),
  };
}

export function environmentJson(env: Environment): Record<string, unknown> {
  return {
    name: env.name,
    position: env.position,
    aliases: env.aliases,
    from: env.from ?? null,
    tier: env.tier,
    purpose: env.purpose ?? null,
    deployment: env.deployment,
    target: env.target,
    cluster: env.cluster ?? null,
    namespace: env.namespace,
    url: env.url ?? null,
    replicas: env.replicas,
    strategy: strategyJson(env.strategy),
    approvals: approvalsJson(env.approvals),
    windows: windowsJson(env.windows),
    lock: env.lock,
    sla: env.sla ?? null,
    data: env.data ?? null,
  };
}

function freezeJson(
  f: Freeze,
): { name: string; from: string; to: string } | { name: string; cron: string; duration: string } {
  switch (f.kind) {
    case "range":
      return { name: f.name, from: f.from, to: f.to };
    case "recurring":
      return { name: f.name, cron: f.cron, duration: formatDurationMs(f.durationMs) };
  }
}
