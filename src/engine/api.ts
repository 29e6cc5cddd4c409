import type { AuditEntry } from "../audit/entry.js";
import type { DecisionRequest } from "./decide.js";
import type { Explanation } from "./explain.js";
import type { ApprovalDecision } from "../gates/approvals.js";
import type { Json, RunCommandName, RunEvent, RunKind, RunRequestInput, RunStatus, RunView } from "./types.js";

/** What a run's audit entries carry besides the run: the asking token, and why it was started. */
export interface SubmitAudit {
  actorToken?: string | null;
  /** More for the `run.submit` entry: how the asker signed in, the permission that allowed it, the platform version. */
  details?: { [key: string]: Json } | undefined;
  /** The trigger rule that started it (an artifact's registration). */
  trigger?: string | undefined;
}

/** As SubmitAudit, for several runs; `before` gives entries recorded ahead of theirs, in the same transaction. */
export interface BatchAudit {
  actorToken?: string | null;
  details?: { [key: string]: Json } | undefined;
  before?: (runs: { id: string; environment: string }[]) => AuditEntry[];
}

export interface PendingApproval {
  run: RunView;
  environment: string;
  waitingFor: string[];
  decisions: ApprovalDecision[];
  /** Whether the asking person may decide now; `why` says as which group, or why not. */
  mayApprove: boolean;
  why: string;
}

/** A run without its plan or steps. */
export interface RunSummary {
  id: string;
  kind: RunKind;
  status: RunStatus;
  environment: string;
  services: string[];
  createdAt: number;
}

export interface RunFilter {
  environment?: string;
  status?: RunStatus;
  kind?: RunKind;
  limit?: number;
}

/** Observations the engine reports, for metrics and logs. */
export interface EngineObserver {
  runFinished?(run: RunView): void;
  stepFinished?(step: { runId: string; kind: string; status: string; durationMs: number }): void;
  gateWaitEnded?(wait: { runId: string; kind: string; durationMs: number }): void;
  /** This server claimed a run (to start, resume or take it over). */
  runClaimed?(runId: string): void;
  /** This server lost a run it was executing: its lease could not be renewed (another server took it, or it was cancelled). */
  leaseLost?(runId: string): void;
  /** The fence stopped an effect on a target for a run this server no longer holds. */
  effectFenced?(runId: string): void;
}

/**
 * What the API and any other client use. Errors are QuikshipErrors: an unknown run is a
 * NotFoundError; a request naming an unknown environment or service an InputError/NotFoundError
 * with the nearest known names; nothing is persisted for a rejected request.
 */
export interface EngineApi {
  /** Validates and plans the request, persists the run as queued with its `run.submit` audit entry, and returns it. */
  submit(request: RunRequestInput, actor: string, audit?: SubmitAudit): Promise<RunView>;
  /** Plans every request first (a refusal starts none), then stores all the runs and their audit entries in one transaction. */
  submitAll(
    items: readonly { request: RunRequestInput; trigger?: string | undefined }[],
    actor: string,
    audit?: BatchAudit,
  ): Promise<RunView[]>;
  get(id: string): Promise<RunView>;
  list(filter: RunFilter): Promise<RunView[]>;
  /** Queued, running and waiting runs (of one environment, or all), without their steps: what the status matrix needs. */
  unfinished(environment: string | undefined): Promise<RunSummary[]>;
  /** Ends a queued, waiting or running run as cancelled, audited in the same transaction; a finished run is a ConflictError. */
  cancel(id: string, actor: string, reason?: string, actorToken?: string | null): Promise<RunView>;
  /** Tells the run's rollout to end its canary step early (`promote-step`) or to abort (ConflictError when there is nothing to do). */
  command(
    id: string,
    command: RunCommandName,
    actor: string,
    comment?: string,
    actorToken?: string | null,
  ): Promise<RunView>;
  /** Records an approval or rejection of a run waiting at an approval gate (ForbiddenError when the person may not). */
  decide(id: string, request: DecisionRequest): Promise<RunView>;
  /** Why a run waits and the earliest moment it can go on. */
  explain(id: string): Promise<Explanation>;
  /** Runs waiting for approvals, with whether this person may decide. */
  pendingApprovals(who: { actor: string; groups: string[] }): Promise<PendingApproval[]>;
  /** Events of a run with id greater than `afterId`, oldest first. */
  events(id: string, afterId: number): Promise<RunEvent[]>;
  /** Resolves when new events may exist for the run, or when the signal aborts. */
  waitForEvents(id: string, signal: AbortSignal): Promise<void>;
  /** Resolves when any run may have changed (a run submitted, moved on, decided), or when the signal aborts. */
  waitForChange(signal: AbortSignal): Promise<void>;
  /** A number that moves on with every change this server makes to a run: unchanged, no run changed here since. */
  changes(): number;
}
