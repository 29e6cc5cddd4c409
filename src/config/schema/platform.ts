import * as z from "zod";
import { described, displayName, dnsName } from "./common.js";
import { group, user, userName } from "./access.js";
import { analysis } from "./analysis.js";
import { environment, tierDefaults, TIERS } from "./environments.js";
import { alerts, incidents, monitoring, recovery } from "./operations.js";
import { signIn } from "./permissions.js";
import { service, stack } from "./services.js";
import { tags } from "./tags.js";
import { ciSettings } from "./build.js";
import { registryCredentials } from "./artifacts.js";
import { retentionRules } from "./signatures.js";
import { terraform } from "./terraform.js";
import { variableGroup } from "./variables.js";

/**
 * What a user writes in quikship.yaml and the files it includes. Every field is optional here so
 * that an included file can hold any part; the loader requires `version` and `name` in the root
 * file and merges the named collections of every file.
 */
export const writtenPlatform = z
  .strictObject({
    $schema: z.string().optional().apply(described, "Editors may use this; quikship ignores it."),
    version: z
      .literal(1)
      .optional()
      .apply(described, "Platform file format version. Always 1. Required in the root file."),
    name: dnsName.optional().apply(described, "Platform name. Required in the root file."),
    description: z.string().optional().apply(described, "What the platform is."),
    include: z
      .array(z.string().min(1))
      .optional()
      .apply(described, "Further YAML files, relative to this one, merged into the platform."),
    registry: z
      .strictObject({
        server: z.string().apply(described, 'Image registry, e.g. "quikapp.azurecr.io".'),
        name: z.string().optional().apply(described, "Registry name, e.g. the ACR name."),
        pullSecret: dnsName
          .optional()
          .apply(
            described,
            "Registry credentials in Kubernetes: the name of a Secret of type kubernetes.io/dockerconfigjson in each namespace, rendered as the Deployments' imagePullSecrets. Leave it out when the cluster pulls with its own identity (AKS attached to ACR).",
          ),
        credentials: registryCredentials.optional(),
        insecure: z
          .boolean()
          .optional()
          .apply(described, "Speak plain HTTP to the registry's API (default: only for localhost and 127.0.0.1)."),
        retention: retentionRules.optional(),
      })
      .optional()
      .apply(described, "Where images live: a service's image defaults to SERVER/SERVICE."),
    tiers: z.partialRecord(z.enum(TIERS), tierDefaults).optional().apply(described, "Defaults per tier."),
    stacks: z.record(dnsName, stack).optional().apply(described, "Tech stacks by name."),
    services: z.record(dnsName, service).optional().apply(described, "Services by name."),
    environments: z
      .record(dnsName, environment)
      .optional()
      .apply(described, "The ladder: each environment names the one it is promoted from."),
    users: z.record(userName, user).optional().apply(described, "People by user name; tokens are issued to them."),
    groups: z
      .record(displayName, group)
      .optional()
      .apply(described, "Groups of users by name, such as approver groups."),
    signIn: signIn.optional(),
    variableGroups: z
      .record(displayName, variableGroup)
      .optional()
      .apply(
        described,
        "Variable groups by name. Precedence, lowest first: global, unscoped terraform/ci, tier, stack, environment, the service's own variables.",
      ),
    analysis: analysis.optional(),
    terraform: terraform.optional(),
    tags: tags.optional(),
    ci: ciSettings.optional(),
    alerts: alerts.optional(),
    incidents: incidents.optional(),
    recovery: recovery.optional(),
    monitoring: monitoring.optional(),
  })
  .apply(described, "A quikship platform file.");

export type WrittenPlatform = z.input<typeof writtenPlatform>;
export type ParsedPlatform = z.output<typeof writtenPlatform>;

/** Top-level keys whose value is a map of named entries, merged across included files. */
export const NAMED_COLLECTIONS = ["stacks", "services", "environments", "users", "groups", "variableGroups"] as const;
export type NamedCollection = (typeof NAMED_COLLECTIONS)[number];
