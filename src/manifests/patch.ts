import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import type { Environment, Resources, Service } from "../config/types.js";
import { objectNames } from "./names.js";

/** A strategic-merge patch of a Deployment: only the fields an environment decides. */
export interface DeploymentPatch {
  apiVersion: "apps/v1";
  kind: "Deployment";
  metadata: { name: string };
  spec: {
    revisionHistoryLimit?: number;
    minReadySeconds?: number;
    progressDeadlineSeconds?: number;
    strategy?: { type: "RollingUpdate"; rollingUpdate: { maxSurge: number; maxUnavailable: number } };
    template: {
      metadata?: { annotations: Record<string, string> };
      spec: { containers: { name: string; resources: IResourceRequirements }[] };
    };
  };
}

export function resourceRequirements(r: Resources): IResourceRequirements {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  if (r.cpuRequest) requests.cpu = r.cpuRequest;
  if (r.memoryRequest) requests.memory = r.memoryRequest;
  if (r.cpuLimit) limits.cpu = r.cpuLimit;
  if (r.memoryLimit) limits.memory = r.memoryLimit;
  return {
    ...(Object.keys(requests).length > 0 ? { requests } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  };
}

/**
 * What the environment sets on a rendered Deployment: resources, rollout settings, and the digest
 * of its configuration on the pod template, so a changed variable or secret reference rolls the
 * pods as a changed image would.
 */
export function renderedDeploymentPatch(service: Service, env: Environment, configDigest: string): DeploymentPatch {
  const names = objectNames(service);
  // The service's own strategy wins over the environment's, as in the engine's rollout.
  const strategy = service.strategy ?? env.strategy;
  const rolling = strategy.type === "rolling" ? strategy : { maxSurge: 1, maxUnavailable: 0 };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: names.deployment },
    spec: {
      revisionHistoryLimit: env.historyLimit,
      minReadySeconds: Math.ceil(env.minReadyMs / 1000),
      progressDeadlineSeconds: Math.ceil(env.progressDeadlineMs / 1000),
      strategy: {
        type: "RollingUpdate",
        rollingUpdate: { maxSurge: rolling.maxSurge, maxUnavailable: rolling.maxUnavailable },
      },
      template: {
        metadata: { annotations: { "quikship.io/config-digest": configDigest } },
        spec: { containers: [{ name: names.container, resources: resourceRequirements(env.resources) }] },
      },
    },
  };
}

/** A service's own base gets only its container's resources (image, replicas and labels come from the kustomization). */
export function ownBaseDeploymentPatch(service: Service, env: Environment): DeploymentPatch {
  const names = objectNames(service);
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: names.deployment },
    spec: {
      template: { spec: { containers: [{ name: names.container, resources: resourceRequirements(env.resources) }] } },
    },
  };
}
