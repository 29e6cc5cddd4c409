import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { Environment, Service } from "../config/types.js";
import type { EffectiveVariable } from "../platform/variables.js";
import { NAME_LABEL, objectNames } from "./names.js";
import type { IExternalSecret } from "./types.js";

type SecretVariable = Extract<EffectiveVariable, { secret: true }>;

/**
 * The plain variables a service reads in an environment, as strings; a terraform output reference
 * replaced by its value where `tfOutputs` has one.
 */
export function configMap(
  service: Service,
  variables: readonly EffectiveVariable[],
  tfOutputs: Readonly<Record<string, string>> = {},
): IConfigMap {
  const data: Record<string, string> = {};
  for (const v of variables)
    if (!v.secret)
      data[v.name] = Object.hasOwn(tfOutputs, String(v.value)) ? tfOutputs[String(v.value)]! : String(v.value);
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: objectNames(service).config, labels: { [NAME_LABEL]: service.name } },
    data,
  };
}

/** Whether a secret reference lives in a vault an ExternalSecret can read (keyvault:, vault:). */
export function inVault(v: SecretVariable): boolean {
  return v.reference.startsWith("keyvault:") || v.reference.startsWith("vault:");
}

/** keyvault:NAME → key NAME; vault:PATH#KEY → key PATH, property KEY. */
function remoteRef(reference: string): { key: string; property?: string } {
  const rest = reference.slice(reference.indexOf(":") + 1);
  if (!reference.startsWith("vault:")) return { key: rest };
  const hash = rest.indexOf("#");
  return hash < 0 ? { key: rest } : { key: rest.slice(0, hash), property: rest.slice(hash + 1) };
}

/**
 * One ExternalSecret per service and environment, one entry per secret reference, each naming
 * its key in the environment's vault: the external-secrets operator writes the Secret the
 * Deployment reads. The value itself never passes through quikship.
 */
export function externalSecret(service: Service, vault: string, secrets: readonly SecretVariable[]): IExternalSecret {
  const name = objectNames(service).secrets;
  return {
    apiVersion: "external-secrets.io/v1",
    kind: "ExternalSecret",
    metadata: { name, labels: { [NAME_LABEL]: service.name } },
    spec: {
      refreshInterval: "1h",
      secretStoreRef: { kind: "ClusterSecretStore", name: vault },
      target: { name, creationPolicy: "Owner" },
      data: secrets.map((v) => ({ secretKey: v.name, remoteRef: remoteRef(v.reference) })),
    },
  };
}

export function horizontalPodAutoscaler(
  service: Service,
  env: Environment,
  cpuTargetUtilization: number,
): IHorizontalPodAutoscaler {
  const names = objectNames(service);
  const min = Math.max(1, env.replicas.min);
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: names.hpa, labels: { [NAME_LABEL]: service.name } },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: names.deployment },
      minReplicas: min,
      maxReplicas: Math.max(min, env.replicas.max),
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: cpuTargetUtilization } },
        },
      ],
    },
  };
}

/** minAvailable as the tier gives it, else at most one pod down at a time. */
export function podDisruptionBudget(service: Service, env: Environment): IPodDisruptionBudget {
  const minAvailable = env.pdb.minAvailable;
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: objectNames(service).pdb, labels: { [NAME_LABEL]: service.name } },
    spec: {
      selector: { matchLabels: { [NAME_LABEL]: service.name } },
      ...(minAvailable === undefined ? { maxUnavailable: 1 } : { minAvailable }),
    },
  };
}
