/**
 * Judging a Deployment's rollout as `kubectl rollout status` does: complete once the controller
 * observed the current generation and every replica is updated and available with no old one
 * left; failed when the Progressing condition says ProgressDeadlineExceeded. Pure: the target
 * reads the Deployment (from its watch when watching) and the engine's rollout step asks again.
 */
import type { V1Deployment } from "@kubernetes/client-node";

export type RolloutState =
  { kind: "progressing"; message: string } | { kind: "complete" } | { kind: "failed"; message: string };

export function rolloutState(d: V1Deployment): RolloutState {
  const name = d.metadata?.name ?? "";
  const status = d.status ?? {};
  if ((d.metadata?.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { kind: "progressing", message: "waiting for the deployment spec update to be observed" };
  }
  const progressing = status.conditions?.find((c) => c.type === "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") {
    return { kind: "failed", message: `deployment "${name}" exceeded its progress deadline` };
  }
  const want = d.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  if (updated < want) return { kind: "progressing", message: `${updated} of ${want} new replicas have been updated` };
  if ((status.replicas ?? 0) > updated) {
    return { kind: "progressing", message: `${(status.replicas ?? 0) - updated} old replicas are pending termination` };
  }
  const available = status.availableReplicas ?? 0;
  if (available < updated)
    return { kind: "progressing", message: `${available} of ${updated} updated replicas are available` };
  return { kind: "complete" };
}
