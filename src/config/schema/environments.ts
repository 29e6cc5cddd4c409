import * as z from "zod";
import { command, described, dnsName, duration, hpa, lazily, pdb, port, replicas, resources } from "./common.js";
import { approvals, windows } from "./gates.js";
import { permissions } from "./permissions.js";
import { metricsProvider } from "./analysis.js";
import { strategy } from "./strategy.js";
import { registryMode, securityPolicy } from "./artifacts.js";
import { signaturePolicy } from "./signatures.js";

export const TIERS = ["nonprod", "preprod", "prod"] as const;
export const tier = z.enum(TIERS);
export const TARGETS = ["local", "kubernetes", "gitops"] as const;
/**
 * The target kinds that count each revision's requests themselves (`countsTraffic` in their
 * capabilities): the config layer cannot ask a target, so it reads this list, and a test beside
 * the target registry keeps it equal to the targets' own answer.
 */
export const TARGETS_COUNTING_TRAFFIC = ["local"] as const satisfies readonly (typeof TARGETS)[number][];
export const DATA_CLASSES = ["mock", "synthetic", "test", "sanitized-prod", "prod-clone", "real"] as const;
export const TEST_KINDS = ["smoke", "integration", "qa", "security", "performance", "load"] as const;

export const trigger = lazily(() =>
  z
    .strictObject({
      branch: z
        .string()
        .optional()
        .apply(described, 'Artifacts built from a branch matching this glob deploy here, e.g. "develop".'),
      gitTag: z
        .string()
        .optional()
        .apply(described, 'Artifacts built from a git tag matching this glob deploy here, e.g. "v*".'),
    })
    .apply(described, "A trigger rule: give branch or gitTag."),
);

export const environmentTest = lazily(() =>
  z
    .strictObject({
      name: dnsName,
      kind: z.enum(TEST_KINDS).default("smoke"),
      command,
      timeout: duration.default("10m"),
      required: z.boolean().default(true).apply(described, "Whether a failure fails the deployment."),
    })
    .apply(described, "A test run as a step after each deployment to this environment."),
);

export const schedule = lazily(() =>
  z
    .strictObject({
      cron: z.string().apply(described, 'Five-field cron expression, e.g. "0 6 * * 1-5" (06:00 on weekdays).'),
      timezone: z
        .string()
        .optional()
        .apply(
          described,
          "IANA time zone of the cron expression; default: the environment's windows' time zone, else UTC.",
        ),
    })
    .apply(described, "When a scheduled environment is promoted to."),
);

export const tierDefaults = lazily(() =>
  z
    .strictObject({
      replicas: replicas.optional(),
      resources: resources.optional(),
      hpa: hpa.optional(),
      pdb: pdb.optional(),
      permissions: permissions.optional(),
    })
    .apply(described, "Defaults for every environment of a tier."),
);

export const environment = lazily(() =>
  z
    .strictObject({
      from: dnsName
        .optional()
        .apply(described, "The environment this one is promoted from. Absent only on the first rung of the ladder."),
      aliases: z.array(dnsName).default([]).apply(described, 'Other names for this environment, e.g. "prod" for live.'),
      tier: z.enum(TIERS).apply(described, "nonprod, preprod or prod: picks the tier defaults and variable groups."),
      purpose: z.string().optional(),
      deployment: z
        .enum(["manual", "auto", "scheduled"])
        .default("manual")
        .apply(
          described,
          "How promotions into this environment start: manual (a person), auto (a revision that succeeded in `from` with its tests passed is promoted here by itself), scheduled (what `from` runs is promoted at the times of `schedule`).",
        ),
      schedule: schedule
        .optional()
        .apply(described, "With deployment: scheduled, when what `from` runs is promoted here."),
      target: z
        .enum(TARGETS)
        .default("kubernetes")
        .apply(described, "Where revisions run. `quikship server --local` binds every environment to local."),
      cluster: z.string().optional().apply(described, "Kubernetes cluster (context) name."),
      namespace: dnsName.optional().apply(described, "Kubernetes namespace; defaults to the environment name."),
      serviceConnection: z.string().optional(),
      vault: z
        .string()
        .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be lower-case letters, digits and '-'")
        .optional()
        .apply(
          described,
          'The vault (Azure Key Vault, HashiCorp Vault) that this environment\'s keyvault: and vault: secret references read from, e.g. "kv-quikapp". Kubernetes manifests name it as the external-secrets ClusterSecretStore of each ExternalSecret.',
        ),
      url: z.string().optional().apply(described, "Public address of the environment."),
      router: lazily(() => z.strictObject({ port: port.optional() }))
        .optional()
        .apply(described, "Local target: the port of this environment's router (allocated when absent)."),
      gateway: lazily(() =>
        z.strictObject({
          name: dnsName.describe("The Gateway's name."),
          namespace: dnsName
            .optional()
            .apply(described, "The Gateway's namespace; defaults to the environment's namespace."),
        }),
      )
        .optional()
        .apply(
          described,
          "Kubernetes target: the Gateway API Gateway (gateway.networking.k8s.io/v1) each service's HTTPRoute attaches to (its parentRefs). Canary weights and the blue-green switch are HTTPRoute backend weights; without a gateway, a canary is split by replica ratio behind one Service, and a blue-green switch is one write of that Service's selector.",
        ),
      gitops: lazily(() =>
        z.strictObject({
          repository: z.string().apply(described, "Config repository URL or path."),
          branch: z.string().default("main"),
          path: z.string().apply(described, "Directory of this environment's manifests in the repository."),
        }),
      )
        .optional()
        .apply(described, "GitOps target: where rendered manifests are committed."),
      replicas: replicas.optional(),
      resources: resources.optional(),
      hpa: hpa.optional(),
      pdb: pdb.optional(),
      strategy: strategy.optional().apply(described, "Defaults to rolling."),
      analysis: lazily(() => z.strictObject({ provider: metricsProvider }))
        .optional()
        .apply(
          described,
          "This environment's own analysis provider, in place of the platform's `analysis.provider`: for example the router for a local rehearsal and Prometheus for the clusters. Thresholds, judgement and canary plans stay the platform's.",
        ),
      approvals: approvals.optional(),
      windows: windows.optional(),
      triggers: z.array(trigger).default([]),
      sla: z
        .string()
        .regex(/^(none|\d+(\.\d+)?%)$/, 'must be "none" or an availability such as "99.9%"')
        .optional(),
      data: z.enum(DATA_CLASSES).optional().apply(described, "Class of data the environment holds."),
      permissions: permissions.optional(),
      tests: z.array(environmentTest).default([]),
      allowSkipTests: z
        .boolean()
        .default(true)
        .apply(described, "Whether --skip-tests is accepted for this environment."),
      onTestFailure: z
        .enum(["rollback", "keep"])
        .default("rollback")
        .apply(
          described,
          "What a failed required test does after a rollout here: rollback moves the release back, as a failed health check does; keep leaves it running. Either way the run fails.",
        ),
      allowSkipSourceTests: z
        .boolean()
        .optional()
        .apply(
          described,
          "Whether a promotion into this environment may skip the check that the source passed its required tests (--skip-source-tests). Default: true below the prod tier, false for prod.",
        ),
      lock: z
        .enum(["sequential", "runLatest"])
        .default("sequential")
        .apply(
          described,
          "sequential: runs of one service wait their turn; runLatest: a newer queued run cancels older queued ones.",
        ),
      historyLimit: z.number().int().min(1).default(10).apply(described, "Revisions kept per service."),
      registry: registryMode.optional(),
      security: securityPolicy.optional(),
      signatures: signaturePolicy.optional(),
      progressDeadline: duration.default("10m").apply(described, "How long a rollout may take to become healthy."),
      minReady: duration
        .default("0s")
        .apply(
          described,
          "How long a new instance must stay ready before it receives traffic and counts as available; an instance that crashes sooner fails the rollout without serving a request.",
        ),
    })
    .apply(described, "A rung of the ladder."),
);
