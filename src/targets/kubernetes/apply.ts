/**
 * Applying a revision's objects and pruning what is no longer rendered, by quikship's labels only
 * (`app.kubernetes.io/name=SERVICE,app.kubernetes.io/managed-by=quikship`): objects anyone else
 * created in the namespace are never listed, so never deleted.
 */
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Environment, Service } from "../../config/types.js";
import type { ClusterAccess } from "./connection.js";
import type { RevisionObjects } from "./manifests.js";
import { SHARED_KINDS } from "./manifests.js";
import { LABELS, selector } from "./objects.js";

/** The kinds a revision's own objects have. */
const REVISION_KINDS = [
  { apiVersion: "apps/v1", kind: "Deployment" },
  { apiVersion: "v1", kind: "Service" },
  { apiVersion: "v1", kind: "ConfigMap" },
] as const;

const key = (o: KubernetesObject): string => `${o.kind ?? ""}/${o.metadata?.name ?? ""}`;

/** Applies the shared objects, then the revision's (its ConfigMap before the Deployment reading it), then prunes. */
export async function applyRevision(
  c: ClusterAccess,
  environment: Environment,
  service: Service,
  objects: RevisionObjects,
): Promise<void> {
  await c.apply(objects.shared);
  await c.apply(objects.revision);
  const keep = [...objects.shared, ...(objects.autoscaler ? [objects.autoscaler] : [])];
  await pruneShared(c, environment, service, keep);
}

/** Deletes the service's shared objects (those without a revision label) that `keep` does not hold. */
export async function pruneShared(
  c: ClusterAccess,
  environment: Environment,
  service: Service,
  keep: KubernetesObject[],
): Promise<string[]> {
  const kept = new Set(keep.map(key));
  const pruned: string[] = [];
  for (const { apiVersion, kind } of SHARED_KINDS) {
    const live = await c.list(apiVersion, kind, environment.namespace, `${selector(service)},!${LABELS.revision}`);
    for (const o of live) {
      const name = o.metadata?.name ?? "";
      if (kept.has(`${kind}/${name}`)) continue;
      await c.delete({ apiVersion, kind, metadata: { name, namespace: environment.namespace } });
      pruned.push(`${kind}/${name}`);
    }
  }
  return pruned;
}

/** Deletes every object of one revision, found by its labels. */
export async function removeRevisionObjects(
  c: ClusterAccess,
  environment: Environment,
  service: Service,
  revision: number,
): Promise<void> {
  for (const { apiVersion, kind } of REVISION_KINDS) {
    const live = await c.list(apiVersion, kind, environment.namespace, selector(service, revision));
    for (const o of live)
      await c.delete({
        apiVersion,
        kind,
        metadata: { name: o.metadata?.name ?? "", namespace: environment.namespace },
      });
  }
}
