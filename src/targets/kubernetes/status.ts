/**
 * A service's revisions as the cluster shows them: a `SERVICE-rN` Deployment is one revision
 * (health.ts); the rolling Deployment `SERVICE` is one per revision its ReplicaSets run (rolling.ts).
 * Reads only; through the namespace's watch, when watched.
 */
import type { V1Deployment, V1Pod, V1ReplicaSet } from "@kubernetes/client-node";
import type { Environment, Service } from "../../config/types.js";
import type { RevisionStatus } from "../types.js";
import type { ClusterAccess } from "./connection.js";
import { revisionStatus } from "./health.js";
import { selector } from "./objects.js";
import { isRolling, rollingReplicaSets, rollingStatus } from "./rolling.js";

export async function liveRevisionStatus(
  c: ClusterAccess,
  environment: Environment,
  service: Service,
): Promise<RevisionStatus[]> {
  const ns = environment.namespace;
  const deployments = (await c.list("apps/v1", "Deployment", ns, selector(service))) as V1Deployment[];
  const pods = (await c.list("v1", "Pod", ns, selector(service))) as V1Pod[];
  const rolling = deployments.some(isRolling);
  const sets = rolling ? ((await rollingReplicaSets(c, environment, service)) as V1ReplicaSet[]) : [];
  const own = pods.filter((p) => !isRolling(p));
  const revisions = deployments.flatMap((d) =>
    isRolling(d) ? rollingStatus(d, sets, pods) : [revisionStatus(d, own)],
  );
  return revisions.sort((a, b) => a.revision - b.revision);
}
