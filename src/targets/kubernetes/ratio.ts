/**
 * Traffic by replica ratio, where the environment has no Gateway: the shared Service `SERVICE`
 * selects every revision's pods, so a strategy's weights become replica counts
 * (`replicaShares`, src/targets/traffic-split.ts). Each Deployment keeps what the engine asked
 * in the annotation `quikship.io/replicas`; its `spec.replicas` is that, or its share of a split.
 * A Deployment whose replicas another field manager owns (an HPA, a `kubectl scale`) is left alone.
 */
import type { V1Deployment } from "@kubernetes/client-node";
import type { Environment, Service } from "../../config/types.js";
import { replicaShares } from "../traffic-split.js";
import type { ClusterAccess } from "./connection.js";
import { FIELD_MANAGER } from "./connection.js";
import { REQUESTED_REPLICAS } from "./manifests.js";
import { LABELS, selector } from "./objects.js";
import { isRolling } from "./rolling.js";

export interface LiveRevision {
  revision: number;
  /** What the engine asked (the annotation; else the Deployment's replicas). */
  requested: number;
  replicas: number;
  /** Whether quikship alone owns `spec.replicas` (no HPA or person scaled it). */
  ours: boolean;
  /** Whether it is the service's rolling Deployment (`SERVICE`, see rolling.ts). */
  rolling: boolean;
}

function ownsReplicasAlone(d: V1Deployment): boolean {
  const owners = (d.metadata?.managedFields ?? []).filter((e) => {
    const spec = (e.fieldsV1 as Record<string, Record<string, unknown> | undefined> | undefined)?.["f:spec"];
    return spec !== undefined && "f:replicas" in spec;
  });
  return owners.every((e) => e.manager === FIELD_MANAGER && e.operation === "Apply");
}

/** The service's revisions as their Deployments say. */
export async function liveRevisions(
  c: ClusterAccess,
  environment: Environment,
  service: Service,
): Promise<LiveRevision[]> {
  const deployments = (await c.list(
    "apps/v1",
    "Deployment",
    environment.namespace,
    selector(service),
  )) as V1Deployment[];
  return deployments.map((d) => {
    const replicas = d.spec?.replicas ?? 0;
    const annotated = Number(d.metadata?.annotations?.[REQUESTED_REPLICAS]);
    return {
      revision: Number(d.metadata?.labels?.[LABELS.revision]),
      requested: Number.isInteger(annotated) ? annotated : replicas,
      replicas,
      ours: ownsReplicasAlone(d),
      rolling: isRolling(d),
    };
  });
}

/** The replicas `revision` runs when asked for `requested`, beside the live revisions under `weights`. */
export function ratioReplicas(
  live: LiveRevision[],
  weights: Record<string, number>,
  revision: number,
  requested: number,
): number {
  const asked = Object.fromEntries(live.map((r) => [String(r.revision), r.requested]));
  asked[String(revision)] = requested;
  return replicaShares(weights, asked)[String(revision)] ?? requested;
}

/** The revisions whose replicas differ from their share under `weights`, with the share. */
export function resizes(
  live: LiveRevision[],
  weights: Record<string, number>,
): { revision: number; replicas: number }[] {
  const shares = replicaShares(weights, Object.fromEntries(live.map((r) => [String(r.revision), r.requested])));
  return live
    .filter((r) => r.ours && shares[String(r.revision)] !== r.replicas)
    .map((r) => ({ revision: r.revision, replicas: shares[String(r.revision)]! }));
}
