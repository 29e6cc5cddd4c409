/**
 * Writing the rolling layout (rolling.ts): a revision's stored rendering applied to the service's
 * one Deployment `SERVICE`, with the shared objects and the revision's own Service and ConfigMap,
 * then the prune. Where an HPA owns the Deployment's replicas they stay as it set them and its
 * minimum becomes what was asked. Without a Gateway the stable Service `SERVICE` selects `select`'s
 * pods, or every pod of the service while a rollout moves them (undefined).
 */
import type { V1Deployment } from "@kubernetes/client-node";
import type { Environment, Service } from "../../config/types.js";
import { UnavailableError } from "../../errors.js";
import { applyRevision } from "./apply.js";
import { liveAutoscaler, scaledAutoscaler } from "./autoscale.js";
import type { ClusterAccess } from "./connection.js";
import type { ManifestSource } from "./manifests.js";
import { liveRolling, rollingObjects } from "./rolling.js";
import { selecting } from "./selector.js";

export interface RollingWrite {
  revision: number;
  /** The revision's tag; undefined: its stored rendering only (a rollback, a resize). */
  tag: string | undefined;
  /** What the engine asked the revision to run. */
  requested: number;
  /** What the Deployment runs, when not what was asked (a replica-ratio share). */
  replicas?: number;
  /** Without a Gateway: the revision the stable Service selects (undefined: every revision's pods); with one: ignored. */
  ratio: { select: number | undefined } | undefined;
}

export async function applyRolling(
  c: ClusterAccess,
  manifests: ManifestSource,
  environment: Environment,
  service: Service,
  write: RollingWrite,
): Promise<void> {
  const build = await manifests.forRevision(environment, service, write.revision, write.tag);
  if (!build)
    throw new UnavailableError(
      `revision ${write.revision} of ${service.name} has no stored rendering in ${environment.name} to apply`,
      { retryable: false },
    );
  const live: V1Deployment | undefined = await liveRolling(c, environment, service);
  const hpa = await liveAutoscaler(c, environment, service);
  const owned = live !== undefined && hpa?.target === service.name;
  const replicas = owned ? (live.spec?.replicas ?? write.requested) : (write.replicas ?? write.requested);
  const objects = rollingObjects(environment, service, write.revision, replicas, build, write.requested);
  if (write.ratio) objects.shared = selecting(objects.shared, service, write.ratio.select);
  await applyRevision(c, environment, service, objects);
  const scaled = owned && scaledAutoscaler(build, service.name, write.requested);
  if (scaled) await c.apply([scaled]);
}
