import { dirname, resolve } from "node:path";
import { parseDurationMs, parsePercent } from "./duration.js";
import { normalizeAnalysis, normalizeMetricsProvider } from "./normalize-analysis.js";
import { normalizeBuild } from "./normalize-build.js";
import { normalizeRetention } from "./normalize-retention.js";
import { normalizePermissions, normalizeSignIn, permissionsDeclared } from "./normalize-access.js";
import type { ParsedPlatform } from "./schema/platform.js";
import type {
  Analysis,
  Approvals,
  Environment,
  Freeze,
  Group,
  Platform,
  Service,
  Stack,
  Strategy,
  User,
  VariableGroup,
  VariableValue,
  Windows,
} from "./types.js";

type Written = ParsedPlatform;
type WrittenEnvironment = NonNullable<Written["environments"]>[string];
type WrittenService = NonNullable<Written["services"]>[string];
type WrittenStrategy = NonNullable<WrittenEnvironment["strategy"]>;

/** Who reads a variable group that names no readers: terraform and ci groups their own operation, the rest deploys. */
function defaultReader(kind: VariableGroup["kind"]): VariableGroup["readers"][number] {
  switch (kind) {
    case "terraform":
    case "ci":
      return kind;
    default:
      return "deploy";
  }
}

/**
 * Written → Platform. Total over anything the schema accepted: a dangling reference or a cycle is
 * left for the rules to report, never thrown here.
 */
export function normalize(
  written: Written,
  rootFile: string,
  dirOf: (path: (string | number)[]) => string = () => dirname(rootFile),
): Platform {
  const baseDir = dirname(rootFile);
  const analysis = normalizeAnalysis(written);
  const stacks = mapValues(written.stacks, (s, name): Stack => ({
    name,
    displayName: s.displayName ?? name,
    runtime: s.runtime,
    dockerfile: s.dockerfile,
    ciWorkflow: s.ciWorkflow,
    cdPipeline: s.cdPipeline,
    port: s.port,
    healthPath: s.healthPath,
    sharedPaths: s.sharedPaths,
    build: s.build ? normalizeBuild(s.build) : undefined,
  }));
  const registry = written.registry;
  const services = mapValues(written.services, (s, name): Service => {
    const stack = written.stacks?.[s.stack];
    const local = s.local ?? stack?.local;
    // A relative working directory is relative to the file that declares the local run.
    const localDir = s.local ? dirOf(["services", name]) : dirOf(["stacks", s.stack]);
    return {
      name,
      registry: s.registry ?? "pin",
      stack: s.stack,
      description: s.description,
      repository: s.repository,
      image: s.image ?? (registry ? `${registry.server}/${name}` : name),
      port: s.port ?? stack?.port ?? 8080,
      healthPath: s.healthPath ?? stack?.healthPath ?? "/health",
      ciWorkflow: s.ciWorkflow ?? stack?.ciWorkflow,
      cdPipeline: s.cdPipeline ?? stack?.cdPipeline,
      dockerfile: s.dockerfile ?? stack?.dockerfile,
      local: local ? { command: local.command, cwd: resolve(localDir, local.cwd ?? ".") } : undefined,
      paths: s.paths,
      strategy: s.strategy ? normalizeStrategy(s.strategy, analysis) : undefined,
      dependsOn: s.dependsOn,
      variables: normalizeVariables(s.variables ?? {}),
      kubernetes: normalizeServiceKubernetes(s.kubernetes, name, dirOf(["services", name]), stack?.kubernetes),
    };
  });
  const ladder = ladderOrder(written.environments ?? {});
  const environments = mapValues(written.environments, (e, name) =>
    normalizeEnvironment(e, name, ladder.indexOf(name), written, analysis, dirOf(["environments", name])),
  );
  const aliases: Record<string, string> = {};
  for (const env of Object.values(environments)) for (const alias of env.aliases) aliases[alias] = env.name;

  const groups = mapValues(written.groups, (g, name): Group => ({
    name,
    description: g.description,
    members: g.members,
    emergencyOverride: g.emergencyOverride,
    admin: g.admin,
  }));
  const users = mapValues(written.users, (u, name): User => ({
    name,
    fullName: u.name,
    email: u.email,
    groups: Object.values(groups)
      .filter((g) => g.members.includes(name))
      .map((g) => g.name),
  }));
  const variableGroups = mapValues(written.variableGroups, (g, name): VariableGroup => ({
    name,
    kind: g.kind,
    description: g.description,
    source: g.source,
    environments: g.environments ?? [],
    stacks: g.stacks ?? [],
    tiers: g.tiers ?? [],
    readers: g.readers ?? [defaultReader(g.kind)],
    variables: normalizeVariables(g.variables),
  }));

  return {
    name: written.name ?? "",
    description: written.description,
    baseDir,
    registry: registry
      ? {
          server: registry.server,
          name: registry.name,
          pullSecret: registry.pullSecret,
          credentials: registry.credentials
            ? { username: registry.credentials.username, password: registry.credentials.password.secret }
            : undefined,
          insecure: registry.insecure,
          retention: normalizeRetention(registry.retention),
        }
      : undefined,
    stacks,
    services,
    environments,
    ladder,
    aliases,
    users,
    groups,
    variableGroups,
    permissionsDeclared: permissionsDeclared(written),
    signIn: normalizeSignIn(written),
    analysis,
    terraform: written.terraform,
    tags: written.tags ?? { default: "auto", rules: [] },
    ci: { sharedPaths: written.ci?.sharedPaths ?? [] },
    alerts: written.alerts ?? { routing: {} },
    recovery: written.recovery,
    monitoring: written.monitoring,
    incidents: Object.fromEntries(
      Object.entries(written.incidents?.severities ?? {}).map(([name, s]) => [
        name,
        {
          description: s.description,
          responseMs: parseDurationMs(s.response),
          resolutionMs: s.resolution === "best-effort" ? undefined : parseDurationMs(s.resolution),
        },
      ]),
    ),
  };
}

function mapValues<T, U>(record: Record<string, T> | undefined, fn: (value: T, key: string) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [k, fn(v, k)]));
}

/** Environments in ladder order: each after the one it is promoted from. Cycles and dangling `from`s are left out. */
export function ladderOrder(environments: Record<string, { from?: string | undefined }>): string[] {
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const [name, env] of Object.entries(environments)) {
    if (env.from === undefined) roots.push(name);
    else children.set(env.from, [...(children.get(env.from) ?? []), name]);
  }
  const order: string[] = [];
  const walk = (name: string): void => {
    if (order.includes(name)) return;
    order.push(name);
    for (const child of children.get(name) ?? []) walk(child);
  };
  roots.forEach(walk);
  return order;
}

function normalizeEnvironment(
  e: WrittenEnvironment,
  name: string,
  position: number,
  written: Written,
  analysis: Analysis,
  dir: string,
): Environment {
  const tier = written.tiers?.[e.tier];
  const hpa = e.hpa ?? tier?.hpa;
  const pdb = e.pdb ?? tier?.pdb;
  return {
    name,
    registry: e.registry ?? "pin",
    security: e.security
      ? {
          block: e.security.block,
          requireReport: e.security.requireReport,
          allow: e.security.allow.map((a) => ({
            id: a.id,
            until: a.until,
            untilMs: Date.parse(`${a.until}T23:59:59.999Z`),
            reason: a.reason,
          })),
        }
      : undefined,
    signatures: e.signatures ? { keys: e.signatures.keys } : undefined,
    aliases: e.aliases,
    position,
    from: e.from,
    tier: e.tier,
    purpose: e.purpose,
    deployment: e.deployment,
    schedule: e.schedule
      ? { cron: e.schedule.cron, timezone: e.schedule.timezone ?? e.windows?.timezone ?? "UTC" }
      : undefined,
    target: e.target,
    cluster: e.cluster,
    namespace: e.namespace ?? name,
    serviceConnection: e.serviceConnection,
    vault: e.vault,
    url: e.url,
    routerPort: e.router?.port,
    analysisProvider: e.analysis ? normalizeMetricsProvider(e.analysis.provider) : undefined,
    gateway: e.gateway ? { name: e.gateway.name, namespace: e.gateway.namespace ?? e.namespace ?? name } : undefined,
    gitops: e.gitops,
    replicas: e.replicas ?? tier?.replicas ?? { min: 1, max: 1 },
    resources: { ...tier?.resources, ...e.resources },
    hpa: hpa ? { enabled: hpa.enabled, cpuTargetUtilization: hpa.cpuTargetUtilization } : undefined,
    pdb: pdb
      ? { enabled: pdb.enabled, ...(pdb.minAvailable === undefined ? {} : { minAvailable: pdb.minAvailable }) }
      : { enabled: false },
    strategy: e.strategy
      ? normalizeStrategy(e.strategy, analysis)
      : { type: "rolling", maxSurge: 1, maxUnavailable: 0 },
    approvals: e.approvals ? normalizeApprovals(e.approvals) : undefined,
    windows: e.windows ? normalizeWindows(e.windows) : undefined,
    triggers: e.triggers,
    sla: e.sla,
    data: e.data,
    permissions: normalizePermissions(e.permissions, tier?.permissions, permissionsDeclared(written)),
    tests: e.tests.map((t) => ({
      name: t.name,
      kind: t.kind,
      command: t.command,
      cwd: dir,
      timeoutMs: parseDurationMs(t.timeout),
      required: t.required,
    })),
    allowSkipTests: e.allowSkipTests,
    onTestFailure: e.onTestFailure,
    allowSkipSourceTests: e.allowSkipSourceTests ?? e.tier !== "prod",
    lock: e.lock,
    historyLimit: e.historyLimit,
    progressDeadlineMs: parseDurationMs(e.progressDeadline),
    minReadyMs: parseDurationMs(e.minReady),
  };
}

/** A base with "://" or a "github.com/" prefix is a Kustomize remote URL; any other is a directory beside the declaring file. */
function normalizeServiceKubernetes(
  k: WrittenService["kubernetes"],
  name: string,
  dir: string,
  stack: { readOnlyRootFilesystem?: boolean | undefined } | undefined,
): Service["kubernetes"] {
  const base = k?.base;
  return {
    base:
      base === undefined
        ? { kind: "rendered" }
        : base.includes("://") || base.startsWith("github.com/")
          ? { kind: "remote", url: base }
          : { kind: "path", path: resolve(dir, base) },
    deployment: k?.deployment ?? name,
    container: k?.container ?? name,
    allowFrom: k?.allowFrom ?? [],
    public: k?.public ?? false,
    readOnlyRootFilesystem: k?.readOnlyRootFilesystem ?? stack?.readOnlyRootFilesystem ?? true,
  };
}

export function normalizeApprovals(a: NonNullable<WrittenEnvironment["approvals"]>): Approvals {
  return {
    groups: a.groups,
    policy: a.policy === "minimum" ? { kind: "minimum", count: a.minimum ?? 1 } : { kind: a.policy },
    timeoutMs: parseDurationMs(a.timeout),
    preventSelfApproval: a.preventSelfApproval,
  };
}

function minuteOfDay(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h! * 60 + m!;
}

function normalizeWindows(w: NonNullable<WrittenEnvironment["windows"]>): Windows {
  return {
    timezone: w.timezone,
    weekly: w.weekly.map((r) => ({ days: r.days, fromMinute: minuteOfDay(r.from), toMinute: minuteOfDay(r.to) })),
    freezes: w.freezes.map((f): Freeze =>
      f.cron !== undefined
        ? {
            kind: "recurring",
            name: f.name,
            cron: f.cron,
            durationMs: f.duration ? parseDurationMs(f.duration) : 86_400_000,
          }
        : { kind: "range", name: f.name, from: f.from ?? "", to: f.to ?? "" },
    ),
  };
}

function normalizeStrategy(s: WrittenStrategy, analysis: Analysis): Strategy {
  switch (s.type) {
    case "rolling":
      return { type: "rolling", maxSurge: s.maxSurge, maxUnavailable: s.maxUnavailable };
    case "canary": {
      const steps = s.steps
        ? s.steps.map((step) => ({ weight: step.weight, bakeMs: step.bake ? parseDurationMs(step.bake) : 0 }))
        : (analysis.canaryPlans[s.plan ?? ""]?.steps ?? []);
      return { type: "canary", plan: s.plan, steps };
    }
    case "blue-green":
      return {
        type: "blue-green",
        previewAnalysisMs: parseDurationMs(s.previewAnalysis),
        postSwitchAnalysisMs: parseDurationMs(s.postSwitchAnalysis),
        standbyMs: parseDurationMs(s.standby),
        mirrorPercent: parsePercent(s.mirror),
      };
  }
}

function normalizeVariables(
  vars: Record<string, string | number | boolean | { secret: string }>,
): Record<string, VariableValue> {
  return mapValues(vars, (v): VariableValue =>
    typeof v === "object" ? { kind: "secret", ref: v.secret } : { kind: "plain", value: v },
  );
}
