/**
 * How an environment's traffic is split between a service's revisions: by weights (the local
 * router; a Kubernetes Gateway's HTTPRoute backend weights), or, on Kubernetes without a Gateway,
 * by the ratio of the revisions' replicas behind the one Service that selects them all. There a
 * strategy's weights become replica counts (see `replicaShares`). Pure.
 */
import type { Environment } from "../config/types.js";

export type TrafficSplit = "weights" | "replica ratio";

export function trafficSplit(environment: Pick<Environment, "target" | "gateway">): TrafficSplit {
  return environment.target === "kubernetes" && !environment.gateway ? "replica ratio" : "weights";
}

/**
 * The replicas of the other side of a split whose sized side runs `pods` at `weight` percent:
 * `pods × (100 − weight) / weight`, rounded to the nearest, at least 1, at most `full` (it never
 * grows beyond what it was asked to run). A canary of 1 pod at 10% beside 10 stable replicas: 9
 * stable (1 in 10 requests); 1 canary pod at 25% beside 3: 3 stable (1 in 4).
 */
export function otherShare(pods: number, weight: number, full: number): number {
  if (weight <= 0 || weight >= 100 || pods <= 0) return full;
  return Math.min(full, Math.max(1, Math.round((pods * (100 - weight)) / weight)));
}

/**
 * The replicas each revision runs under `weights` when the split is by replica ratio: the newest
 * routed revision (the canary, or the new revision of a rolling update) runs what it was asked
 * (`requested`), every other routed revision shrinks to its share beside it (never grows), and a
 * revision without traffic, or alone with all of it, runs what it was asked.
 */
export function replicaShares(
  weights: Record<string, number>,
  requested: Record<string, number>,
): Record<string, number> {
  const shares: Record<string, number> = { ...requested };
  const routed = Object.keys(weights)
    .filter((r) => (weights[r] ?? 0) > 0 && r in requested)
    .sort((a, b) => Number(b) - Number(a));
  const sized = routed[0];
  if (sized === undefined || routed.length < 2) return shares;
  const total = routed.reduce((n, r) => n + (weights[r] ?? 0), 0);
  const pods = requested[sized] ?? 0;
  const sizedWeight = ((weights[sized] ?? 0) * 100) / total;
  for (const r of routed.slice(1)) {
    const weight = ((weights[r] ?? 0) * 100) / total;
    const share = pods <= 0 ? requested[r]! : Math.max(1, Math.round((pods * weight) / sizedWeight));
    shares[r] = Math.min(requested[r]!, share);
  }
  return shares;
}
