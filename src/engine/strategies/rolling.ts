import type { ServiceStatus } from "../../targets/types.js";

export interface RollingInput {
  newRevision: number;
  replicas: number;
  maxSurge: number;
  maxUnavailable: number;
  status: ServiceStatus;
  /** Ready instances of the new revision that have stayed ready for the environment's minReady. */
  stableNew: number;
}

export type RollingDecision =
  | { action: "done"; weights: Record<number, number>; remove: number[] }
  | {
      action: "progress";
      newDesired: number;
      scaleOld: { revision: number; replicas: number }[];
      weights: Record<number, number>;
    };

/**
 * One step of a rolling update, decided from what the target reports (level-triggered, so it is
 * right to repeat after a crash): grow the new revision within maxSurge, send traffic in
 * proportion to proven instances, shrink the old revisions while at least replicas −
 * maxUnavailable instances stay available. Pure.
 */
export function decideRolling(input: RollingInput): RollingDecision {
  const { newRevision, replicas, status, stableNew } = input;
  const surge = input.maxSurge === 0 && input.maxUnavailable === 0 ? 1 : input.maxSurge;
  const olds = status.revisions
    .filter((r) => r.revision !== newRevision && r.desired > 0)
    .sort((a, b) => a.revision - b.revision);
  const oldDesired = olds.reduce((n, r) => n + r.desired, 0);
  const oldReady = olds.reduce((n, r) => n + r.ready, 0);
  const current = status.revisions.find((r) => r.revision === newRevision)?.desired ?? 0;

  if (stableNew >= replicas && oldDesired === 0) return { action: "done", weights: { [newRevision]: 100 }, remove: [] };
  if (stableNew >= replicas && olds.length > 0 && oldReady === 0)
    return { action: "done", weights: { [newRevision]: 100 }, remove: olds.map((r) => r.revision) };

  const newDesired = Math.max(current, Math.min(replicas, replicas + surge - oldDesired));
  // Shrink the old revisions only as far as proven capacity allows.
  const available = oldReady + Math.min(stableNew, replicas);
  let excess = Math.max(0, available - (replicas - input.maxUnavailable));
  const scaleOld: { revision: number; replicas: number }[] = [];
  for (const old of olds) {
    if (excess === 0) break;
    const cut = Math.min(excess, old.desired);
    scaleOld.push({ revision: old.revision, replicas: old.desired - cut });
    excess -= cut;
  }
  // Traffic goes only to instances that stay: an old instance about to stop gets none.
  const remaining = olds.map((o) => ({
    revision: o.revision,
    ready: Math.min(o.ready, scaleOld.find((c) => c.revision === o.revision)?.replicas ?? o.desired),
  }));
  const weights = trafficShares(newRevision, stableNew, remaining);
  return { action: "progress", newDesired, scaleOld, weights };
}

function trafficShares(
  newRevision: number,
  stableNew: number,
  olds: { revision: number; ready: number }[],
): Record<number, number> {
  const oldReady = olds.reduce((n, r) => n + r.ready, 0);
  const total = stableNew + oldReady;
  if (total === 0)
    return olds.length > 0
      ? Object.fromEntries(olds.map((o) => [o.revision, 100 / olds.length]))
      : { [newRevision]: 100 };
  const weights: Record<number, number> = {};
  if (stableNew > 0) weights[newRevision] = (100 * stableNew) / total;
  for (const old of olds) if (old.ready > 0) weights[old.revision] = (100 * old.ready) / total;
  return weights;
}
