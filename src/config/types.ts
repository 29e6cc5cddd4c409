import type { z } from "zod";
import type {
  alerts as alertsSchema,
  monitoring as monitoringSchema,
  recovery as recoverySchema,
} from "./schema/operations.js";
import type { PermissionAction } from "./schema/permissions.js";
import type { tags as tagsSchema } from "./schema/tags.js";
import type { terraform as terraformSchema } from "./schema/terraform.js";

/**
 * The platform as the program uses it: validated, defaults applied, durations in milliseconds,
 * stack and tier defaults folded into services and environments. Built by normalize() from what
 * the user wrote (schema/platform.ts), which stays a different type.
 */

export type Tier = "nonprod" | "preprod" | "prod";
export type TargetKind = "local" | "kubernetes" | "gitops";
export type Operation = "deploy" | "ci" | "terraform";
export type VariableGroupKind = "global" | "tier" | "stack" | "environment" | "terraform" | "ci";

export interface CanaryStep {
  weight: number;
  bakeMs: number;
}

export type Strategy =
  | { type: "rolling"; maxSurge: number; maxUnavailable: number }
  | { type: "canary"; plan: string | undefined; steps: CanaryStep[] }
  | {
      type: "blue-green";
      previewAnalysisMs: number;
      postSwitchAnalysisMs: number;
      standbyMs: number;
      mirrorPercent: number;
    };

export type ApprovalPolicy =
  { kind: "any" } | { kind: "all" } | { kind: "ordered" } | { kind: "minimum"; count: number };

export interface Approvals {
  groups: string[];
  policy: ApprovalPolicy;
  timeoutMs: number;
  preventSelfApproval: boolean;
}

export interface WeeklyWindow {
  days: Weekday[];
  /** Minutes after local midnight. */
  fromMinute: number;
  toMinute: number;
}

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

export type Freeze =
  | { kind: "range"; name: string; from: string; to: string }
  | { kind: "recurring"; name: string; cron: string; durationMs: number };

export interface Windows {
  timezone: string;
  weekly: WeeklyWindow[];
  freezes: Freeze[];
}

export interface EnvironmentTest {
  name: string;
  kind: string;
  command: string | string[];
  /** Absolute: the directory of the file that declares the test. */
  cwd: string;
  timeoutMs: number;
  required: boolean;
}

export interface Resources {
  cpuRequest?: string;
  memoryRequest?: string;
  cpuLimit?: string;
  memoryLimit?: string;
}

export interface Environment {
  name: string;
  /** pin: tags resolved to digests at the registry; none: tags only (offline). */
  registry: "pin" | "none";
  security: SecurityPolicy | undefined;
  /** Trusted public keys (files relative to the platform file, or inline PEM) images here must be signed by. */
  signatures: { keys: string[] } | undefined;
  aliases: string[];
  /** 0 for the first rung. */
  position: number;
  from: string | undefined;
  tier: Tier;
  purpose: string | undefined;
  deployment: "manual" | "auto" | "scheduled";
  /** With deployment scheduled: the cron expression and the zone it is read in. */
  schedule: { cron: string; timezone: string } | undefined;
  target: TargetKind;
  cluster: string | undefined;
  namespace: string;
  serviceConnection: string | undefined;
  /** The vault keyvault: and vault: secret references read from; the ExternalSecrets' store. */
  vault: string | undefined;
  url: string | undefined;
  routerPort: number | undefined;
  /** The environment's own `analysis.provider`; undefined: the platform's. Read through `metricsProviderFor`. */
  analysisProvider: MetricsProviderConfig | undefined;
  /** Kubernetes target: the Gateway the services' HTTPRoutes attach to; none: replica-ratio canaries. */
  gateway: { name: string; namespace: string } | undefined;
  gitops: { repository: string; branch: string; path: string } | undefined;
  replicas: { min: number; max: number };
  resources: Resources;
  hpa: { enabled: boolean; cpuTargetUtilization: number } | undefined;
  pdb: { enabled: boolean; minAvailable?: number | string };
  strategy: Strategy;
  approvals: Approvals | undefined;
  windows: Windows | undefined;
  triggers: { branch?: string; gitTag?: string }[];
  sla: string | undefined;
  data: string | undefined;
  /** Groups allowed each action here: the environment's own, else the tier's, else none. */
  permissions: Record<PermissionAction, string[]>;
  tests: EnvironmentTest[];
  allowSkipTests: boolean;
  /** What a failed required test does after a rollout: move the release back, or keep it (the run fails either way). */
  onTestFailure: "rollback" | "keep";
  allowSkipSourceTests: boolean;
  lock: "sequential" | "runLatest";
  historyLimit: number;
  progressDeadlineMs: number;
  minReadyMs: number;
}

export interface Stack {
  name: string;
  displayName: string;
  runtime: Record<string, string>;
  dockerfile: string | undefined;
  ciWorkflow: string | undefined;
  cdPipeline: string | undefined;
  port: number | undefined;
  healthPath: string | undefined;
  /** Globs whose change means every service of the stack changed. */
  sharedPaths: string[];
  build: StackBuild | undefined;
}

/** How CI builds a stack's services; every command list may be empty (the step is skipped). */
export interface StackBuild {
  workdir: string;
  setup: { uses: string; with: Record<string, string | number | boolean> }[];
  cacheKeyFiles: string[];
  cachePaths: string[];
  install: string[];
  lint: string[];
  test: string[];
  build: string[];
  image: { context: string; platforms: string[] };
  scan: string[];
  push: boolean;
}

export interface LocalRun {
  command: string | string[];
  /** Absolute. */
  cwd: string;
}

export interface PlatformRegistry {
  server: string;
  name: string | undefined;
  pullSecret: string | undefined;
  credentials: { username: string; password: string } | undefined;
  insecure: boolean | undefined;
  /** What `registry prune` keeps besides rollback candidates, and when the server prunes by itself. */
  retention: RegistryRetention;
}

export interface RegistryRetention {
  keep: number;
  keepTags: string[];
  /** Beyond the kept tags, only images older than this are deleted; undefined: whatever their age. */
  olderThanMs: number | undefined;
  /** The cron of scheduled pruning (in `timezone`, default UTC); undefined: only when asked. */
  schedule: { cron: string; timezone: string } | undefined;
}

/** The security gate of an environment; dates of the allow-list as ms (the end of the day named, UTC). */
export interface SecurityPolicy {
  block: Severity[];
  requireReport: boolean;
  allow: { id: string; untilMs: number; until: string; reason: string | undefined }[];
}

export type Severity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";

export interface Service {
  name: string;
  /** none: no registry is asked for this service's images. */
  registry: "pin" | "none";
  stack: string;
  description: string | undefined;
  repository: string | undefined;
  image: string;
  port: number;
  healthPath: string;
  ciWorkflow: string | undefined;
  cdPipeline: string | undefined;
  dockerfile: string | undefined;
  local: LocalRun | undefined;
  paths: string[];
  strategy: Strategy | undefined;
  dependsOn: string[];
  variables: Record<string, VariableValue>;
  kubernetes: ServiceKubernetes;
}

/** Where a service's Kubernetes objects come from: rendered by quikship, or the service's own Kustomize base. */
export type KubernetesBase = { kind: "rendered" } | { kind: "path"; path: string } | { kind: "remote"; url: string };

export interface ServiceKubernetes {
  /** A path is absolute. */
  base: KubernetesBase;
  deployment: string;
  container: string;
  /** Services its NetworkPolicy admits besides its dependents. */
  allowFrom: string[];
  public: boolean;
  /** The service's, else its stack's, else true. */
  readOnlyRootFilesystem: boolean;
}

export type VariableValue = { kind: "plain"; value: string | number | boolean } | { kind: "secret"; ref: string };

export interface VariableGroup {
  name: string;
  kind: VariableGroupKind;
  description: string | undefined;
  source: string | undefined;
  environments: string[];
  stacks: string[];
  tiers: Tier[];
  readers: Operation[];
  variables: Record<string, VariableValue>;
}

export interface Group {
  name: string;
  description: string | undefined;
  members: string[];
  emergencyOverride: boolean;
  admin: boolean;
}

export interface User {
  name: string;
  fullName: string | undefined;
  email: string | undefined;
  groups: string[];
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** A secret reference (env:, file:, ...), resolved when the server talks to the provider. */
  clientSecret: string | undefined;
  scopes: string[];
  userClaim: string;
  groupsClaim: string;
  /** Provider group → platform group. */
  groups: Record<string, string>;
}

export interface SignIn {
  oidc: OidcSettings | undefined;
  sessionTtlMs: number;
  sessionRefreshMs: number;
  tokenExpiryMs: number;
}

export interface Threshold {
  warning: number;
  critical: number;
}

/** PromQL templates with `{environment}`, `{service}` and `{revision}` placeholders. */
export interface PrometheusQueries {
  requests: string;
  errors: string;
  latencyBuckets: string;
  latencySum: string;
}

/** Where analysis reads the revisions' counters. */
export type MetricsProviderConfig =
  | { type: "router" }
  | { type: "prometheus"; url: string; timeoutMs: number; latencyUnit: "s" | "ms"; queries: PrometheusQueries };

export interface Analysis {
  provider: MetricsProviderConfig;
  thresholds: {
    latencyP99Ms?: Threshold;
    errorRatePercent?: Threshold;
    cpuPercent?: Threshold;
    memoryPercent?: Threshold;
    podRestarts?: Threshold & { perMs: number };
  };
  judgement: { minSampleRequests: number; confidence: number; inconclusive: "pause" | "abort" | "promote" };
  canaryPlans: Record<string, { description: string | undefined; steps: CanaryStep[] }>;
}

export interface Platform {
  name: string;
  description: string | undefined;
  /** Directory of the root platform file: relative paths in the platform are relative to it. */
  baseDir: string;
  registry: PlatformRegistry | undefined;
  stacks: Record<string, Stack>;
  services: Record<string, Service>;
  environments: Record<string, Environment>;
  /** Environment names in ladder order. */
  ladder: string[];
  /** Alias → environment name. */
  aliases: Record<string, string>;
  users: Record<string, User>;
  groups: Record<string, Group>;
  variableGroups: Record<string, VariableGroup>;
  /** Whether the file declares any permission; when not, every signed-in user may do everything. */
  permissionsDeclared: boolean;
  signIn: SignIn;
  analysis: Analysis;
  terraform: z.output<typeof terraformSchema> | undefined;
  tags: z.output<typeof tagsSchema>;
  /** Globs whose change means every service changed. */
  ci: { sharedPaths: string[] };
  alerts: z.output<typeof alertsSchema>;
  incidents: Record<string, { description: string; responseMs: number; resolutionMs: number | undefined }>;
  recovery: z.output<typeof recoverySchema> | undefined;
  monitoring: z.output<typeof monitoringSchema> | undefined;
}
