/**
 * How an environment's traffic is split between a service's revisions: by weights (the local
 * router; a Kubernetes Gateway's HTTPRoute backend weights), or, on Kubernetes without a Gateway,
 * by the ratio of the revisions' replicas behind the one Service that selects them all. There a
 * strategy's weights become replica counts (see `replicaShares`), and while one revision has all
 * the traffic that Service selects its pods alone (`selectedRevision`), so a blue-green switch is
 * one write of the Service's selector. Pure.
 */
import type { Environment, Strategy } from "../config/types.js";

/** How an environment's revisions share traffic, whatever the strategy. */
export type EnvironmentSplit = "weights" | "replica ratio";
/**
 * How a strategy's revisions share traffic: without a Gateway, a blue-green switch is by Service
 * selector; a rolling update the target hands to its Deployment controller (`Target.rollsOut`) is
 * by the controller, which replaces pods in place.
 */
export type TrafficSplit = EnvironmentSplit | "service selector" | "deployment controller";

export function trafficSplit(environment: Pick<Environment, "target" | "gateway">): EnvironmentSplit {
  return environment.target === "kubernetes" && !environment.gateway ? "replica ratio" : "weights";
}

/** How `strategy` moves traffic where the environment splits it so. */
export function strategyTraffic(split: TrafficSplit, strategy: Strategy["type"], rollsOut = false): TrafficSplit {
  if (strategy === "rolling" && rollsOut) return "deployment controller";
  return split === "replica ratio" && strategy === "blue-green" ? "service selector" : split;
}

/**
 * The revision whose pods alone the service's Service selects under `weights`: the one with all
 * the traffic; with none routed yet, `applying` (a first revision); while traffic is split
 * (a canary, a rolling update), none: the Service selects every revision's pods.
 */
export function selectedRevision(weights: Record<string, number>, applying?: number): number | undefined {
  const routed = Object.keys(weights).filter((r) => (weights[r] ?? 0) > 0);
  if (routed.length === 0) return applying;
  return routed.length === 1 ? Number(routed[0]) : undefined;
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
