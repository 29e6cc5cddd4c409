/** The API's replies as the dashboard reads them (the server's schemas: src/api/*schemas.ts). */

export interface Whoami {
  user: string;
  groups: string[];
  admin: boolean;
  tokenId: string;
  /** How the caller signed in: `oidc-session` through the provider, else a kind of token. */
  auth: string;
  /** Present when signed in by the session cookie: the header value state-changing calls need. */
  csrfToken?: string;
}

export type Health = "healthy" | "degraded" | "down" | "not-deployed" | "unknown";

export interface ServiceStatus {
  service: string;
  revision: number | null;
  tag: string | null;
  health: Health;
  message: string | null;
  ready: number | null;
  desired: number | null;
  rolloutInProgress: { runId: string; kind: string; status: string } | null;
}

/** A cell of the matrix a person chose to deploy to. */
export interface DeployTarget {
  environment: string;
  service: string;
  cell: ServiceStatus | undefined;
}

export interface EnvironmentStatus {
  environment: string;
  position: number;
  target: string;
  services: ServiceStatus[];
}

export interface StatusView {
  at: number;
  environments: EnvironmentStatus[];
}

export interface ServiceInfo {
  name: string;
  stack: string;
}

export interface StepView {
  key: string;
  kind: string;
  title: string;
  status: string;
  attempts: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** What the step gave, or while it waits, its saved state (a rollout's phase and timeline). */
  output?: unknown;
  /** Why it failed; an aborted canary or blue-green rollout adds `details` (its timeline, ending at 0%, and the revision traffic went back to). */
  error: { message: string; kind: string; details?: unknown } | null;
}

/** Why a run waits while a canary or blue-green rollout is under analysis (the engine's WaitReason). */
export interface AnalysisWait {
  kind: "analysis";
  message: string;
  environment: string;
  service: string;
  strategy: "canary" | "blue-green";
  revision: number;
  stable: number | null;
  weight: number;
  phase: string;
  endsAtMs: number | null;
  paused: boolean;
  reasons: string[];
}

export interface RevisionTraffic {
  revision: number;
  requests: number;
  errors: number;
  errorRatePercent: number | null;
  p99Ms: number | null;
}

export interface Threshold {
  warning: number;
  critical: number;
}

export interface TrafficView {
  environment: string;
  service: string;
  at: number;
  revisions: RevisionTraffic[];
  thresholds: { errorRatePercent: Threshold | null; latencyP99Ms: Threshold | null };
}

export interface RunView {
  id: string;
  kind: string;
  status: string;
  environment: string;
  services: string[];
  actor: string;
  request: { params: Record<string, unknown> };
  waitReason: ({ kind: string; message: string } & Partial<Omit<AnalysisWait, "kind" | "message">>) | null;
  error: { message: string; kind: string } | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  stages: { key: string; title: string; environment: string | null; steps: StepView[] }[];
}

export interface RunEvent {
  id: number;
  runId: string;
  at: number;
  type: "run" | "step" | "log";
  data: unknown;
}

export interface Decision {
  group: string;
  actor: string;
  decision: "approve" | "reject";
  at: number;
  comment?: string;
}

export interface PendingApproval {
  run: RunView;
  environment: string;
  waitingFor: string[];
  decisions: Decision[];
  mayApprove: boolean;
  why: string;
}

export interface Explanation {
  run: string;
  status: string;
  summary: string;
  waiting: {
    kind: string;
    environment: string | null;
    message: string;
    earliest: (Moment & { ms: number }) | null;
    approvals?: {
      policy: string;
      groups: { group: string; approvedBy: string[] }[];
      waitingFor: string[];
      timesOutAt: Moment | null;
    };
    lock?: { heldBy: string };
  } | null;
  /** Every gate of every rung the run has not reached yet, in order. */
  ahead: {
    environment: string;
    kind: "approval" | "window" | "test";
    description: string;
    opens: (Moment & { ms: number }) | null;
    overriddenBy: string | null;
  }[];
  /** For an emergency run: the gates it overrides. */
  overrides: { environment: string; gate: string; reason: string }[];
  /** Environments that take the tag on by themselves afterwards. */
  then: {
    environment: string;
    from: string;
    deployment: "auto" | "scheduled";
    next: (Moment & { ms: number }) | null;
  }[];
}

/** What a test step leaves as its output (see the engine's test step): its verdict, JUnit counts and load figures. */
export interface TestOutcome {
  name: string;
  passed: boolean;
  required: boolean;
  exit: number | string;
  summary: string;
  results: {
    junit: {
      tests: number;
      passed: number;
      failures: number;
      errors: number;
      skipped: number;
      timeMs: number | null;
      failed: { suite: string; name: string; kind: "failure" | "error"; message: string }[];
    } | null;
    load: {
      requests: number | null;
      requestsPerSecond: number | null;
      p95Ms: number | null;
      p99Ms: number | null;
      errorRatePercent: number | null;
      failedThresholds: string[];
    } | null;
    files: string[];
    problems: string[];
  };
}

export const FINAL_STATUSES = ["succeeded", "failed", "cancelled"];

export interface AuditEntry {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string;
  data: Record<string, unknown>;
  hash: string;
}

export type AuditVerification =
  | { ok: true; entries: number; last: { seq: number; at: number; hash: string } | null }
  | { ok: false; entries: number; firstBad: { seq: number; problem: string; message: string } };

export interface Moment {
  local: string;
  utc: string;
}

export interface EnvironmentWindows {
  timezone: string;
  weekly: { days: string[]; from: string; to: string }[];
  freezes: { name: string; from?: string; to?: string; cron?: string; duration?: string }[];
}

export interface EnvironmentInfo {
  name: string;
  position: number;
  tier: string;
  windows: EnvironmentWindows | null;
}

export interface EnvironmentDetail extends EnvironmentInfo {
  window: { open: boolean; at: string; closesAt: Moment | null; nextOpening: Moment | null; reason: string | null };
}

/** GET /v1/infra/status: one environment with a terraform entry (src/engine/infra-status.ts). */
export interface InfraStatus {
  environment: string;
  lastApply: {
    run: string;
    at: number;
    revision: string;
    counts: { add: number; change: number; remove: number; import: number };
    outputs: Record<string, { sensitive: boolean; value?: unknown }>;
  } | null;
  drift:
    | { status: "unknown" }
    | { status: "up-to-date"; run: string; checkedAtMs: number }
    | {
        status: "drifted";
        run: string;
        checkedAtMs: number;
        resources: { address: string; action: string }[];
        outputs: { name: string; action: string }[];
      };
  active: { run: string; action: string; status: string; waiting: string | null }[];
}
