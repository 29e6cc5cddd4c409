/**
 * What a run still has ahead of it, for `explain`: every gate of every rung in order (approvals,
 * deployment windows, required tests), the gates an emergency run overrides, and the automatic or
 * scheduled promotions its last environment feeds.
 */
import type { Approvals, Environment, Platform } from "../config/types.js";
import { approvalGateOf } from "./infra-gate.js";
import { describeMoment, windowState } from "../gates/windows.js";
import { isKind } from "../kind.js";
import { policyText } from "../platform/describe.js";
import { nextScheduledMs } from "./schedule.js";
import type { RunView } from "./types.js";

type Moment = { ms: number; local: string; utc: string };

export interface GateAhead {
  environment: string;
  kind: "approval" | "window" | "test" | "security";
  /** "CAB, Release Manager, CTO (policy all)", "opens Mon 2026-11-23 09:00 America/New_York", "smoke (required)", "blocks CRITICAL, HIGH". */
  description: string;
  /** For a window: when it opens (null when open now, or not within a year). */
  opens: Moment | null;
  /** The emergency reason when the run passes this gate without waiting for it. */
  overriddenBy: string | null;
}

/** An environment that takes the run's tag on by itself afterwards: `auto` once it succeeds there, `scheduled` at the next time. */
export interface PromotionAfter {
  environment: string;
  from: string;
  deployment: "auto" | "scheduled";
  /** For `scheduled`: the next time of its cron, in its zone; null when it never fires again. */
  next: Moment | null;
}

export interface Override {
  environment: string;
  gate: "window";
  reason: string;
}

/** The emergency reason of the run's request, if it was one. */
export function emergencyOf(run: RunView): string | null {
  // An infra destroy's emergency reason is a condition of the destroy, not an override of windows.
  if (isKind(run, "infra")) return null;
  const e = run.request.params.emergency;
  return typeof e === "object" && e !== null && !Array.isArray(e) && typeof e.reason === "string" ? e.reason : null;
}

function approvalText(gate: Approvals | undefined): string {
  if (!gate) return "approvals";
  return `${gate.groups.join(", ")} (policy ${policyText(gate.policy)})`;
}

function windowGate(env: Environment | undefined, name: string, nowMs: number, overriddenBy: string | null): GateAhead {
  const base = { environment: name, kind: "window" as const, overriddenBy };
  if (overriddenBy !== null) return { ...base, description: "overridden (emergency)", opens: null };
  const zone = env?.windows?.timezone ?? "UTC";
  const state = windowState(env?.windows, nowMs);
  if (state.open) return { ...base, description: "open now", opens: null };
  if (state.nextOpenMs === undefined) return { ...base, description: "no opening within a year", opens: null };
  const opens = { ms: state.nextOpenMs, ...describeMoment(state.nextOpenMs, zone) };
  return { ...base, description: `opens ${opens.local} (${opens.utc})`, opens };
}

function testGate(env: Environment | undefined, name: string, stepKey: string): GateAhead {
  const test = env?.tests.find((t) => stepKey.endsWith(`test/${t.name}`));
  const required = test?.required ?? true;
  const description = `${test?.name ?? stepKey} (${test?.kind ?? "test"}${required ? ", required" : ", not required"})`;
  return { environment: name, kind: "test", description, opens: null, overriddenBy: null };
}

/** The security policy as a gate ahead: "blocks CRITICAL, HIGH; a scan report required; allows CVE-1 until 2026-12-31". */
function securityGate(env: Environment | undefined, name: string, nowMs: number): GateAhead {
  const policy = env?.security;
  const parts = !policy
    ? ["no policy now"]
    : [
        policy.block.length ? `blocks ${policy.block.join(", ")}` : "blocks no severity",
        ...(policy.requireReport ? ["a scan report required"] : []),
        ...policy.allow.filter((a) => nowMs <= a.untilMs).map((a) => `allows ${a.id} until ${a.until}`),
      ];
  return { environment: name, kind: "security", description: parts.join("; "), opens: null, overriddenBy: null };
}

/** The gates of the steps not yet started, in the order the run reaches them. */
export function gatesAhead(platform: Platform, run: RunView, nowMs: number): GateAhead[] {
  const emergency = emergencyOf(run);
  return run.stages.flatMap((stage) => {
    const name = stage.environment ?? run.environment;
    const env = platform.environments[name];
    return stage.steps
      .filter((step) => step.status === "pending")
      .flatMap((step): GateAhead[] => {
        switch (step.kind) {
          case "approval":
          case "infra-approval": {
            const gate = env ? approvalGateOf(platform, run, name) : undefined;
            return [
              { environment: name, kind: "approval", description: approvalText(gate), opens: null, overriddenBy: null },
            ];
          }
          case "window":
            return [windowGate(env, name, nowMs, emergency)];
          case "test":
            return [testGate(env, name, step.key)];
          case "security":
            return [securityGate(env, name, nowMs)];
          default:
            return [];
        }
      });
  });
}

/** The gates an emergency run overrides: the deployment windows of its environments; approvals and tests still apply. */
export function overridesOf(run: RunView): Override[] {
  const reason = emergencyOf(run);
  if (reason === null) return [];
  return run.stages.flatMap((stage) =>
    stage.steps
      .filter((s) => isKind(s, "window"))
      .map((): Override => ({ environment: stage.environment ?? run.environment, gate: "window", reason })),
  );
}

/** The environments the run's last environment feeds by itself (`from` it, deployment auto or scheduled). */
export function promotionsAfter(platform: Platform, run: RunView, nowMs: number): PromotionAfter[] {
  if (!isKind(run, "deploy", "promote")) return [];
  const last = run.stages.at(-1)?.environment ?? run.environment;
  return Object.values(platform.environments)
    .filter((e) => e.from === last && (e.deployment === "auto" || e.deployment === "scheduled"))
    .map((e): PromotionAfter => {
      if (e.deployment === "auto") return { environment: e.name, from: last, deployment: "auto", next: null };
      const ms = nextScheduledMs(e, nowMs);
      const zone = e.schedule?.timezone ?? "UTC";
      return {
        environment: e.name,
        from: last,
        deployment: "scheduled",
        next: ms === null ? null : { ms, ...describeMoment(ms, zone) },
      };
    });
}

/** "; then approval of live: CAB, …; then the deployment window of live: opens …" (gates only; tests are listed, not summarised). */
export function aheadText(ahead: readonly GateAhead[]): string {
  return ahead
    .map((g) => {
      switch (g.kind) {
        case "approval":
          return `; then approval of ${g.environment}: ${g.description}`;
        case "window":
          return `; then the deployment window of ${g.environment}: ${g.description}`;
        case "security":
          return `; then the security gate of ${g.environment}: ${g.description}`;
        case "test":
          return "";
      }
    })
    .join("");
}

/** "; emergency (reason): the deployment windows of staging, live are overridden; approvals and tests still apply". */
export function overridesText(overrides: readonly Override[]): string {
  if (overrides.length === 0) return "";
  const envs = [...new Set(overrides.map((o) => o.environment))].join(", ");
  return `; emergency override (${overrides[0]!.reason}): the deployment window${overrides.length === 1 ? "" : "s"} of ${envs} ${overrides.length === 1 ? "is" : "are"} not enforced; approvals and tests still apply`;
}

/** "; afterwards uat3 takes it at its next scheduled time, Tue 2026-11-17 06:00 Europe/London (…)". */
export function afterText(after: readonly PromotionAfter[]): string {
  return after
    .map((p) =>
      p.deployment === "auto"
        ? `; afterwards ${p.environment} takes it by itself once it succeeds in ${p.from} with its tests passed (deployment: auto)`
        : `; afterwards ${p.environment} takes what ${p.from} runs at its next scheduled time, ${p.next ? `${p.next.local} (${p.next.utc})` : "never (the schedule does not fire again)"}`,
    )
    .join("");
}
