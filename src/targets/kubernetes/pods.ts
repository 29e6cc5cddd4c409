/** A pod as one of the Target's instances: ready, starting, unhealthy, or crashed (CrashLoopBackOff). */
import type { V1Pod } from "@kubernetes/client-node";
import type { InstanceStatus } from "../types.js";

export function instanceOf(pod: V1Pod): InstanceStatus {
  const containers = pod.status?.containerStatuses ?? [];
  const restarts = containers.reduce((n, c) => n + (c.restartCount ?? 0), 0);
  const crashed = containers.some((c) => c.state?.waiting?.reason === "CrashLoopBackOff");
  const ready = pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
  const state: InstanceStatus["state"] = crashed
    ? "crashed"
    : ready
      ? "ready"
      : pod.status?.phase === "Running"
        ? "unhealthy"
        : "starting";
  const port = pod.spec?.containers[0]?.ports?.[0]?.containerPort ?? 0;
  const started = pod.status?.startTime ?? pod.metadata?.creationTimestamp;
  return {
    id: pod.metadata?.name ?? "",
    pid: null,
    port,
    state,
    restarts,
    startedAt: started ? new Date(started).getTime() : 0,
  };
}
