import { relative } from "node:path";
import type { Environment, Platform, Service } from "../config/types.js";
import { InputError } from "../errors.js";
import { isTfOutputText } from "../platform/tfoutput.js";
import { effectiveVariables } from "../platform/variables.js";
import type { EffectiveVariable } from "../platform/variables.js";
import {
  configMap,
  externalSecret,
  horizontalPodAutoscaler,
  inVault,
  podDisruptionBudget,
} from "./environment-objects.js";
import { sha256 } from "./fingerprint.js";
import { isLabelValue, objectNames } from "./names.js";
import { kustomization, labels } from "./kustomization.js";
import { ownBaseDeploymentPatch, renderedDeploymentPatch } from "./patch.js";
import { networkPolicy } from "./policy.js";
import { yamlFile as file } from "./serialize.js";
import type { KubernetesObject, RenderedFile } from "./types.js";
import { deployment, service as serviceObject, serviceAccount } from "./workload.js";
import { isKind } from "../kind.js";

export interface ServiceTree {
  files: RenderedFile[];
  objects: KubernetesObject[];
  /** Secret references no ExternalSecret can read (env:, file:), by variable name. */
  unrendered: string[];
  /** Terraform output references rendered as written (no value given), as NAME=REFERENCE. */
  unresolved: string[];
}

/** base/SERVICE/: the objects that are the same in every environment. */
export function serviceBase(
  platform: Platform,
  service: Service,
): { files: RenderedFile[]; objects: KubernetesObject[] } {
  const dir = `base/${service.name}`;
  const parts: [string, KubernetesObject][] = [
    ["deployment.yaml", deployment(platform, service)],
    ["service.yaml", serviceObject(service)],
    ["serviceaccount.yaml", serviceAccount(service)],
    ["networkpolicy.yaml", networkPolicy(platform, service)],
  ];
  return {
    files: [
      file(`${dir}/kustomization.yaml`, kustomization({ resources: parts.map(([name]) => name) })),
      ...parts.map(([name, object]) => file(`${dir}/${name}`, object)),
    ],
    objects: parts.map(([, object]) => object),
  };
}

/** Where the overlay finds the service's base: quikship's own, the service's directory, or its remote URL. */
function baseReference(service: Service, overlayDir: string, root: string | undefined): string {
  const base = service.kubernetes.base;
  switch (base.kind) {
    case "rendered":
      return `../../../base/${service.name}`;
    case "remote":
      return base.url;
    default:
      return root === undefined ? base.path : relative(`${root}/${overlayDir}`, base.path) || ".";
  }
}

/** overlays/ENV/SERVICE/: what this environment sets for the service. */
export function serviceOverlay(
  platform: Platform,
  env: Environment,
  service: Service,
  tag: string,
  options: {
    root?: string | undefined;
    tfOutputs?: Readonly<Record<string, string>> | undefined;
    digest?: string | undefined;
  },
): ServiceTree {
  const imageDigest = options.digest;
  const dir = `overlays/${env.name}/${service.name}`;
  const names = objectNames(service);
  const own = !isKind(service.kubernetes.base, "rendered");
  const pairs: Record<string, string> = { "app.kubernetes.io/instance": `${service.name}-${env.name}` };
  if (isLabelValue(tag)) pairs["app.kubernetes.io/version"] = tag;
  const common = {
    images: [{ name: service.image, newTag: tag, ...(imageDigest ? { digest: imageDigest } : {}) }],
    replicas: [{ name: names.deployment, count: env.replicas.min }],
    labels: labels(pairs),
    patches: [{ path: "deployment-patch.yaml" }],
  };
  const reference = baseReference(service, dir, options.root);
  if (own) {
    return {
      files: [
        file(`${dir}/kustomization.yaml`, kustomization({ resources: [reference], ...common })),
        file(`${dir}/deployment-patch.yaml`, ownBaseDeploymentPatch(service, env)),
      ],
      objects: [],
      unrendered: [],
      unresolved: [],
    };
  }
  const { objects, unrendered, unresolved } = environmentObjects(platform, env, service, options.tfOutputs ?? {});
  const objectFiles = objects.map((o) => [`${o.kind.toLowerCase()}.yaml`, o] as const);
  const digest = sha256(JSON.stringify(objects));
  return {
    files: [
      file(
        `${dir}/kustomization.yaml`,
        kustomization({ resources: [reference, ...objectFiles.map(([name]) => name)], ...common }),
      ),
      file(`${dir}/deployment-patch.yaml`, renderedDeploymentPatch(service, env, digest)),
      ...objectFiles.map(([name, object]) => file(`${dir}/${name}`, object)),
    ],
    objects,
    unrendered,
    unresolved,
  };
}

function environmentObjects(
  platform: Platform,
  env: Environment,
  service: Service,
  tfOutputs: Readonly<Record<string, string>>,
): Omit<ServiceTree, "files"> {
  const variables = effectiveVariables(platform, env, { service, operation: "deploy" });
  const secrets = variables.filter((v): v is Extract<EffectiveVariable, { secret: true }> => v.secret);
  const vaulted = secrets.filter(inVault);
  const objects: KubernetesObject[] = [configMap(service, variables, tfOutputs)];
  if (vaulted.length > 0) {
    if (env.vault === undefined)
      throw new InputError(
        `environments.${env.name}.vault: not set, but ${service.name} reads vault secrets there (${vaulted[0]!.name}: ${vaulted[0]!.reference}); name the vault they live in`,
        { details: { environment: env.name, service: service.name } },
      );
    objects.push(externalSecret(service, env.vault, vaulted));
  }
  if (env.hpa?.enabled) objects.push(horizontalPodAutoscaler(service, env, env.hpa.cpuTargetUtilization));
  if (env.pdb.enabled) objects.push(podDisruptionBudget(service, env));
  return {
    objects,
    unrendered: secrets.filter((v) => !inVault(v)).map((v) => `${v.name} (${v.reference})`),
    unresolved: variables.flatMap((v) =>
      !v.secret && isTfOutputText(String(v.value)) && !Object.hasOwn(tfOutputs, String(v.value))
        ? [`${v.name}=${String(v.value)}`]
        : [],
    ),
  };
}
