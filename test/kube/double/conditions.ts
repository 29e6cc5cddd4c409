/**
 * Test double of the Kubernetes API — a Deployment's `Available` and `Progressing` conditions.
 *
 * Follows "Deployments › Deployment status" and `apps/v1 DeploymentCondition`:
 * - Available: True `MinimumReplicasAvailable` while at least `replicas - maxUnavailable` pods are
 *   available, else False `MinimumReplicasUnavailable`;
 * - Progressing: True `NewReplicaSetCreated` / `FoundNewReplicaSet` when a rollout starts,
 *   `ReplicaSetUpdated` each time it makes progress (refreshing lastUpdateTime),
 *   `NewReplicaSetAvailable` once every replica is updated and available; False
 *   `ProgressDeadlineExceeded` when no progress was made for `progressDeadlineSeconds` — the
 *   reason `kubectl rollout status` fails on.
 * lastTransitionTime changes only when the status flips; lastUpdateTime whenever it is touched.
 */
import type { Obj } from "./cluster.js";
import { spec, status } from "./cluster.js";
import { surgeAndUnavailable } from "./rollout.js";
import { meta } from "./store.js";

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function condition(
  prev: Obj | undefined,
  type: string,
  value: boolean,
  reason: string,
  message: string,
  nowMs: number,
  touch: boolean,
): Obj {
  const flag = value ? "True" : "False";
  const changed = !prev || prev.reason !== reason || prev.message !== message;
  return {
    type,
    status: flag,
    lastUpdateTime: changed || touch ? stamp(nowMs) : prev.lastUpdateTime,
    lastTransitionTime: prev && prev.status === flag ? prev.lastTransitionTime : stamp(nowMs),
    reason,
    message,
  };
}

const COUNTS = ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"];

export function deploymentConditions(
  d: Obj,
  next: Obj,
  newRs: Obj | undefined,
  created: boolean,
  nowMs: number,
): Obj[] {
  const old = (status(d).conditions ?? []) as Obj[];
  const want = Number(spec(d).replicas);
  const [, unavailable] = surgeAndUnavailable(spec(d).strategy, want);
  const n = (k: string): number => Number(next[k] ?? 0);
  const minimum = n("availableReplicas") >= want - unavailable;
  const available = condition(
    old.find((c) => c.type === "Available"),
    "Available",
    minimum,
    minimum ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
    minimum ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
    nowMs,
    false,
  );
  return [available, progressing(d, next, newRs, created, nowMs)];
}

function progressing(d: Obj, next: Obj, newRs: Obj | undefined, created: boolean, nowMs: number): Obj {
  const prev = ((status(d).conditions ?? []) as Obj[]).find((c) => c.type === "Progressing");
  const rs = `ReplicaSet "${String(newRs ? meta(newRs).name : "")}"`;
  const want = Number(spec(d).replicas);
  const n = (k: string): number => Number(next[k] ?? 0);
  const at = (value: boolean, reason: string, message: string, touch = false): Obj =>
    condition(prev, "Progressing", value, reason, message, nowMs, touch);
  if (n("updatedReplicas") === want && n("replicas") === want && n("availableReplicas") === want) {
    return at(true, "NewReplicaSetAvailable", `${rs} has successfully progressed.`);
  }
  if (created)
    return at(true, "NewReplicaSetCreated", `Created new replica set "${String(newRs ? meta(newRs).name : "")}"`);
  const moved = COUNTS.some((k) => Number(status(d)[k] ?? 0) !== n(k));
  if (moved) return at(true, "ReplicaSetUpdated", `${rs} is progressing.`, true);
  if (!prev || prev.reason === "NewReplicaSetAvailable") {
    return at(true, "FoundNewReplicaSet", `Found new replica set "${String(newRs ? meta(newRs).name : "")}"`);
  }
  const deadlineMs = Number(spec(d).progressDeadlineSeconds ?? 600) * 1000;
  if (prev.status === "True" && nowMs - Date.parse(String(prev.lastUpdateTime)) > deadlineMs) {
    return at(false, "ProgressDeadlineExceeded", `${rs} has timed out progressing.`);
  }
  return prev;
}
