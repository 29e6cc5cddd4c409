/**
 * Judging a Deployment's rollout as `kubectl rollout status` does, and waiting for it by watching
 * (never by reading in a loop): complete once the controller observed the current generation and
 * every replica is updated and available with no old one left; failed when the Progressing
 * condition says ProgressDeadlineExceeded.
 */
import type { V1Deployment } from "@kubernetes/client-node";
import type { ClusterConnection } from "./connection.js";

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

/** Resolves with the rollout's end (complete or failed), watching the Deployment; undefined when `signal` aborts first. */
export async function awaitRollout(
  c: ClusterConnection,
  namespace: string,
  name: string,
  signal: AbortSignal,
): Promise<RolloutState | undefined> {
  const live = await c.read<V1Deployment>({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace } });
  if (live && rolloutState(live).kind !== "progressing") return rolloutState(live);
  const path = `/apis/apps/v1/namespaces/${namespace}/deployments`;
  const query = { fieldSelector: `metadata.name=${name}`, resourceVersion: live?.metadata?.resourceVersion };
  const ended = await c.watchUntil<V1Deployment>(path, query, (d) => rolloutState(d).kind !== "progressing", signal);
  return ended && rolloutState(ended);
}
