/**
 * Row types of the store's tables, exactly as the database holds them (snake_case columns,
 * timestamps as integer milliseconds since the epoch, JSON as JsonText). Domain types live with
 * the engine; the store's operations map between the two.
 */
import type { Generated, Insertable, Selectable, Updateable } from "kysely";
import type { PlatformVersionsTable, SessionsTable, TokenKind } from "./access-rows.js";
import type { JsonText } from "./json.js";
import type { DigestDeletionsTable, DigestPinsTable } from "./digest-rows.js";
import type { ScheduleOccurrencesTable, ServersTable } from "./ha-rows.js";

export const RUN_STATUSES = ["queued", "running", "waiting", "succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Milliseconds since the Unix epoch. */
export type EpochMs = number;

export interface MigrationsTable {
  number: number;
  name: string;
  applied_at: EpochMs;
}

export interface RunsTable {
  id: string;
  kind: string;
  status: RunStatus;
  wait_reason: JsonText | null;
  request: JsonText;
  plan: JsonText;
  actor: string;
  environment: string;
  service: string | null;
  /** The locks the run's plan takes, as `,ENV/SERVICE,ENV/SERVICE,` (null for runs older than the column). */
  lock_keys: string | null;
  created_at: EpochMs;
  updated_at: EpochMs;
  started_at: EpochMs | null;
  finished_at: EpochMs | null;
  error: JsonText | null;
  /** The server holding the run; null while nobody does. */
  lease_owner: string | null;
  lease_expires_at: EpochMs | null;
  /** Moves on with every claim: the fencing token of the lease held now (0 before any claim). */
  lease_token: Generated<number>;
  /** When a waiting run's timer fires (bake time, approval timeout, window opening). */
  wake_at: EpochMs | null;
  superseded_by: string | null;
  /** The platform version the run was planned with (null for runs older than the column). */
  platform_version: number | null;
  /** The submitter's groups when submitted, JSON (null for runs older than the column). */
  actor_groups: JsonText | null;
}

export interface RunStepsTable {
  run_id: string;
  stage_index: number;
  step_index: number;
  /** Stable within a run: a step keeps its key when the run resumes on another server. */
  key: string;
  kind: string;
  status: string;
  attempts: Generated<number>;
  started_at: EpochMs | null;
  finished_at: EpochMs | null;
  /** The public output: once done, or a waiting step's progress. */
  output: JsonText | null;
  /** The private saved state of a waiting step, read back when it runs again. */
  state: JsonText | null;
  error: JsonText | null;
}

export interface StepAttemptsTable {
  id: Generated<number>;
  run_id: string;
  step_key: string;
  attempt: number;
  started_at: EpochMs;
  finished_at: EpochMs | null;
  /** Null while the attempt is in flight. */
  outcome: string | null;
  error: JsonText | null;
}

export interface RunEventsTable {
  id: Generated<number>;
  run_id: string;
  at: EpochMs;
  type: string;
  data: JsonText;
}

export interface LocksTable {
  environment: string;
  service: string;
  run_id: string;
  acquired_at: EpochMs;
}

export interface TokensTable {
  id: string;
  user_name: string;
  token_hash: string;
  created_at: EpochMs;
  created_by: string;
  revoked_at: EpochMs | null;
  last_used_at: EpochMs | null;
  description: string | null;
  kind: TokenKind;
  expires_at: EpochMs | null;
  /** A service token's groups, JSON; null for the others. */
  groups: JsonText | null;
  rotated_from: string | null;
}

export interface AuditTable {
  /** Assigned by the writer (previous + 1), so the hash chain has no gaps. */
  seq: number;
  at: EpochMs;
  actor: string;
  action: string;
  subject: string;
  data: JsonText;
  prev_hash: string;
  hash: string;
}

/** A signed checkpoint of the audit chain's head (see src/audit/anchor.ts). */
export interface AuditCheckpointsTable {
  seq: number;
  at: EpochMs;
  hash: string;
  key_id: string;
  signature: string;
}

export interface RevisionsTable {
  environment: string;
  service: string;
  number: number;
  tag: string;
  replicas: number;
  status: "pending" | "active" | "standby" | "superseded" | "failed";
  run_id: string;
  created_at: EpochMs;
  activated_at: EpochMs | null;
  detail: JsonText;
  /** A standby revision is stopped after this (blue-green); null otherwise. */
  standby_until: EpochMs | null;
  /** The image digest the revision runs (sha256:...); null where no registry is asked (registry: none). */
  digest: string | null;
}

export interface ScanReportsTable {
  service: string;
  digest: string;
  format: string;
  tool: string;
  findings: JsonText;
  actor: string;
  received_at: EpochMs;
}

export interface RunCommandsTable {
  id: Generated<number>;
  run_id: string;
  command: string;
  actor: string;
  comment: string | null;
  at: EpochMs;
}

export interface ApprovalDecisionsTable {
  id: Generated<number>;
  run_id: string;
  environment: string;
  group_name: string;
  actor: string;
  decision: "approve" | "reject";
  comment: string | null;
  at: EpochMs;
}

export interface ReleasesTable {
  /** "rel-" and 8 random characters. */
  id: string;
  environment: string;
  run_id: string;
  actor: string;
  status: "rolling-out" | "released" | "failed" | "rolled-back";
  created_at: EpochMs;
  finished_at: EpochMs | null;
}

export interface ReleaseItemsTable {
  release_id: string;
  /** 0, 1, ... in train order. */
  position: number;
  service: string;
  tag: string;
  revision: number;
  previous_revision: number | null;
  previous_tag: string | null;
}

/** The schema Kysely sees. */
export interface Tables {
  quikship_migrations: MigrationsTable;
  runs: RunsTable;
  run_steps: RunStepsTable;
  step_attempts: StepAttemptsTable;
  run_events: RunEventsTable;
  locks: LocksTable;
  tokens: TokensTable;
  audit: AuditTable;
  audit_checkpoints: AuditCheckpointsTable;
  revisions: RevisionsTable;
  approval_decisions: ApprovalDecisionsTable;
  releases: ReleasesTable;
  release_items: ReleaseItemsTable;
  run_commands: RunCommandsTable;
  sessions: SessionsTable;
  platform_versions: PlatformVersionsTable;
  scan_reports: ScanReportsTable;
  servers: ServersTable;
  schedule_occurrences: ScheduleOccurrencesTable;
  digest_pins: DigestPinsTable;
  digest_deletions: DigestDeletionsTable;
}

export type ServerRow = Selectable<ServersTable>;
export type AuditCheckpointRow = Selectable<AuditCheckpointsTable>;
export type RunRow = Selectable<RunsTable>;
export type NewRunRow = Insertable<RunsTable>;
export type RunRowUpdate = Updateable<RunsTable>;
export type RunStepRow = Selectable<RunStepsTable>;
export type StepAttemptRow = Selectable<StepAttemptsTable>;
export type RunEventRow = Selectable<RunEventsTable>;
export type LockRow = Selectable<LocksTable>;
export type TokenRow = Selectable<TokensTable>;
export type SessionRow = Selectable<SessionsTable>;
export type PlatformVersionRow = Selectable<PlatformVersionsTable>;
export type AuditRow = Selectable<AuditTable>;
export type RevisionRow = Selectable<RevisionsTable>;
export type RunCommandRow = Selectable<RunCommandsTable>;
export type ReleaseRow = Selectable<ReleasesTable>;
export type ReleaseItemRow = Selectable<ReleaseItemsTable>;
