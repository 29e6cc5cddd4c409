/**
 * The API's replies as the dashboard reads them: generated from the OpenAPI document
 * (`api-types.ts`, `npm run api-types`), named here. Only what the document leaves open is written
 * by hand (an aborted rollout's failure details, an environment's windows).
 */
import type { operations } from "./api-types.ts";

/** The JSON body of an operation's 200 (or 201) answer. */
type Ok<Name extends keyof operations> = operations[Name]["responses"] extends {
  200: { content: { "application/json": infer Body } };
}
  ? Body
  : never;
type Element<T> = T extends readonly (infer E)[] ? E : never;

export type Whoami = Ok<"whoami">;
export type StatusView = Ok<"getStatus">;
export type EnvironmentStatus = Element<StatusView["environments"]>;
export type ServiceStatus = Element<EnvironmentStatus["services"]>;
export type Health = ServiceStatus["health"];

/** A cell of the matrix a person chose to deploy to. */
export interface DeployTarget {
  environment: string;
  service: string;
  cell: ServiceStatus | undefined;
}

export type ServiceInfo = Element<Ok<"listServices">>;
export type RunView = Ok<"getRun">;
export type StepView = Element<Element<RunView["stages"]>["steps"]>;
/** A step's public output (a rollout's progress while it waits, what it rolled out once done); never its saved state. */
export type StepOutput = StepView["output"];
/** A rollout step's public outputs: the progress of a canary or blue-green while it waits, or what it rolled out. */
export type RolloutOutput = Extract<NonNullable<StepOutput>, { revision: number; tag: string }>;
/** Why a run waits, a union by kind. */
export type WaitReason = NonNullable<RunView["waitReason"]>;
/** Why a run waits while a canary or blue-green rollout is under analysis. */
export type AnalysisWait = Extract<WaitReason, { kind: "analysis" }>;

export type TrafficView = Omit<Ok<"getTraffic">, "phase">;
export type RevisionTraffic = Element<TrafficView["revisions"]>;
export type Threshold = NonNullable<TrafficView["thresholds"]["errorRatePercent"]>;

/** One event of a run, a union by `type` (run, step, log). */
export type RunEvent = Element<Ok<"streamRunEvents">>;

export type PendingApproval = Element<Ok<"listApprovals">>;
export type Decision = Element<PendingApproval["decisions"]>;
export type Explanation = Ok<"explainRun">;

/** What a test step leaves as its output: its verdict, JUnit counts and load figures. */
export type TestOutcome = Extract<NonNullable<StepOutput>, { results: unknown }>;

/** What a security gate step leaves as its output (or a refusal in its error's details): each image's verdict. */
export type SecurityOutcome = Extract<NonNullable<StepOutput>, { images: unknown; policy: unknown }>;

export const FINAL_STATUSES = ["succeeded", "failed", "cancelled"];

export type AuditEntry = Element<Ok<"listAuditEntries">>;
export type AuditVerification = Ok<"verifyAudit">;
/** A moment as the API gives it: in the environment's zone and in UTC. */
export type Moment = Omit<NonNullable<Explanation["then"][number]["next"]>, "ms">;

/** An environment's windows: the document leaves an environment open (the platform file's own shape), so these are written here. */
export interface EnvironmentWindows {
  timezone: string;
  weekly: { days: string[]; from: string; to: string }[];
  freezes: { name: string; from?: string; to?: string; cron?: string; duration?: string }[];
}
/** The fields the windows page reads of an environment (the document describes it as open to more). */
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
