/**
 * The engine's words. A run is a typed plan of stages and steps, planned by pure functions and
 * executed by workers; every transition is persisted before its effect.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const RUN_KINDS = [
  "deploy",
  "rollback",
  "restart",
  "scale",
  "promote",
  "script",
  "noop",
  "infra",
  "expire-standby",
  "registry-prune",
] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export const RUN_STATUSES = ["queued", "running", "waiting", "succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const FINAL_STATUSES: readonly RunStatus[] = ["succeeded", "failed", "cancelled"];

export const STEP_STATUSES = ["pending", "running", "waiting", "succeeded", "failed", "skipped", "cancelled"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** Why a run waits, and what it waits for. */
export type WaitReason =
  | { kind: "approval"; environment: string; message: string; pending: string[] }
  | { kind: "window"; environment: string; message: string; opensAtMs: number | null; timezone: string }
  | { kind: "lock"; environment: string; service: string; message: string; heldBy: string }
  | { kind: "timer"; message: string; untilMs: number }
  | { kind: "manual"; message: string }
  /** A canary bake or a blue-green analysis; `paused` waits for a person (promote-step or abort). */
  | {
      kind: "analysis";
      environment: string;
      service: string;
      message: string;
      strategy: "canary" | "blue-green";
      revision: number;
      stable: number | null;
      weight: number;
      phase: string;
      endsAtMs: number | null;
      paused: boolean;
      reasons: string[];
    };

export const RUN_COMMANDS = ["promote-step", "abort"] as const;
export type RunCommandName = (typeof RUN_COMMANDS)[number];

/** What a person told a running rollout: end the current canary step or analysis early, or abort. */
export interface RunCommand {
  id: number;
  command: RunCommandName;
  actor: string;
  comment: string | null;
  at: number;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  initialDelayMs: number;
  backoff: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, initialDelayMs: 1000, backoff: 2, maxDelayMs: 60_000 };

export interface StepSpec {
  /** Unique within the run and stable: "deploy/auth-service/apply". */
  key: string;
  kind: string;
  title: string;
  params: Json;
  retry?: RetryPolicy;
}

export interface StageSpec {
  key: string;
  title: string;
  environment?: string;
  steps: StepSpec[];
  /**
   * Compensation: when a step of the stage fails for good, these steps run, in order, before the
   * run ends failed (a release train moving back what it moved). A failing one does not stop the
   * others. Their rows are created when they begin, so a run that succeeded has none.
   */
  onFailure?: StepSpec[];
}

export interface RunPlan {
  stages: StageSpec[];
}

/** What a person or CI asked for, parsed (engine/request.ts) before planning: a union by kind. */
export type { RunRequest, RunRequestInput } from "./request.js";

/** A run's request as stored and shown: what was asked for, as planned (see RunRequest). */
export interface RunRequestView {
  kind: RunKind;
  environment: string;
  services: string[];
  params: { [key: string]: Json };
}

export interface RunError {
  message: string;
  kind: string;
  step?: string;
  details?: Json;
}

export interface StepView {
  key: string;
  stage: number;
  index: number;
  kind: string;
  title: string;
  status: StepStatus;
  attempts: number;
  startedAt: number | null;
  finishedAt: number | null;
  output: Json | null;
  error: RunError | null;
}

export interface RunView {
  id: string;
  kind: RunKind;
  status: RunStatus;
  environment: string;
  services: string[];
  actor: string;
  request: RunRequestView;
  waitReason: WaitReason | null;
  wakeAt: number | null;
  error: RunError | null;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  supersededBy: string | null;
  stages: { key: string; title: string; environment: string | null; steps: StepView[] }[];
}

/** What every event of a run carries: its id (resume after it), its run and when it happened. */
interface RunEventHead {
  id: number;
  runId: string;
  at: number;
}

/** A step's event status: the step statuses an execution reports, plus "retrying" between attempts. */
export type StepEventStatus = "running" | "succeeded" | "failed" | "retrying";

/**
 * What happened in a run, as stored and streamed: a union by `type` (also the SSE event's name).
 * `run`: the run's status changed (with why it waits, or its error); `step`: a step began, ended or
 * will be retried; `log`: a line a step (or a person's command) wrote.
 */
export type RunEventBody =
  | {
      type: "run";
      data: { status: RunStatus; error?: RunError | null; waitReason?: WaitReason; wakeAt?: number | null };
    }
  | {
      type: "step";
      data: { key: string; status: StepEventStatus; attempt: number; error?: RunError; retryAt?: number };
    }
  | { type: "log"; data: { step: string | null; line: string } };

export type RunEvent = RunEventHead & RunEventBody;
