/**
 * The audit entries of what the engine changes on someone's behalf. They are written in the
 * transaction of the change itself (service.ts, decide.ts), so a run exists if and only if its
 * `run.submit` entry does.
 */
import type { AuditEntry } from "../audit/entry.js";
import { isKind } from "../kind.js";
import type { Json, RunCommandName, RunRequest } from "./types.js";

/** Who asked: the token's user and the token's id (null for the server itself or a test). */
export interface Requester {
  actor: string;
  actorToken?: string | null;
  /** More for a `run.submit` entry (how the asker signed in, the permission that allowed it). */
  details?: { [key: string]: Json } | undefined;
}

/** What of a plan (or a run's view) tells its gates. */
type GatedPlan = { stages: readonly { steps: readonly { kind: string; title: string }[] }[] };

/** The gate steps a run's plan holds, for the audit: a rollback, restart or scale holds none. */
function gatesOf(kind: string, plan: GatedPlan): string {
  const gates = plan.stages.flatMap((s) => s.steps).filter((s) => isKind(s, "approval", "window"));
  if (gates.length === 0) return `none: a ${kind} passes no approval gate or window`;
  return gates.map((g) => g.title).join("; ");
}

/** `run.submit`, and `gate.override` / `tests.skip` / `tests.skip-source` so an auditor finds overrides by action. */
export function submitEntries(
  run: { id: string; kind: string; environment: string; services: string[]; plan?: GatedPlan },
  request: RunRequest,
  { actor, actorToken = null, details = {} }: Requester,
  trigger?: string,
): AuditEntry[] {
  const { params } = request;
  const entries: AuditEntry[] = [
    {
      actor,
      action: "run.submit",
      subject: run.id,
      data: {
        kind: run.kind,
        environment: run.environment,
        services: run.services,
        params,
        ...(trigger === undefined ? {} : { trigger }),
        actorToken,
        ...details,
        ...(run.plan === undefined ? {} : { gates: gatesOf(run.kind, run.plan) }),
      },
    },
  ];
  return [...entries, ...passedOver(run, request, actor, actorToken)];
}

type Subject = { id: string; environment: string };
type PassingParams = { emergency?: { reason: string } | undefined; skipTests?: boolean | undefined };

/** `gate.override`, `tests.skip`, `tests.skip-source`: what a deploy or a promotion asked to pass over. */
function passedOver(run: Subject, request: RunRequest, actor: string, actorToken: string | null): AuditEntry[] {
  switch (request.kind) {
    case "deploy":
      return overrides(run, request.params, {}, actor, actorToken);
    case "promote": {
      const { to, tag, skipSourceTests } = request.params;
      const entries = overrides(run, request.params, { to }, actor, actorToken);
      if (skipSourceTests === true) {
        const data = { environment: run.environment, to, tag, actorToken };
        entries.push({ actor, action: "tests.skip-source", subject: run.id, data });
      }
      return entries;
    }
    default:
      return [];
  }
}

function overrides(
  run: Subject,
  params: PassingParams,
  to: { to?: string[] },
  actor: string,
  actorToken: string | null,
): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const reason = params.emergency?.reason;
  if (reason !== undefined && reason !== "") {
    const data = { environment: run.environment, reason, actorToken };
    entries.push({ actor, action: "gate.override", subject: run.id, data });
  }
  if (params.skipTests === true) {
    const data = { environment: run.environment, ...to, actorToken };
    entries.push({ actor, action: "tests.skip", subject: run.id, data });
  }
  return entries;
}

export function cancelEntry(
  run: { id: string; environment: string },
  reason: string | undefined,
  { actor, actorToken = null }: Requester,
): AuditEntry {
  const data = { environment: run.environment, reason: reason ?? null, actorToken };
  return { actor, action: "run.cancel", subject: run.id, data };
}

export function commandEntry(
  run: { id: string; environment: string },
  command: RunCommandName,
  comment: string | undefined,
  { actor, actorToken = null }: Requester,
): AuditEntry {
  const data = { environment: run.environment, comment: comment ?? null, actorToken };
  return { actor, action: `run.${command}`, subject: run.id, data };
}
