/** A pod as one of the Target's instances (ready, starting, unhealthy, or crashed: CrashLoopBackOff), and pods' logs. */
import type { V1Pod } from "@kubernetes/client-node";
import type { Environment, Service } from "../../config/types.js";
import type { Clock } from "../../engine/clock.js";
import { UnavailableError } from "../../errors.js";
import type { InstanceStatus, LogLine } from "../types.js";
import type { ClusterConnection } from "./connection.js";
import { selector } from "./objects.js";

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

/** Output lines of a service's pods (of one revision when given) numbered above `after`, oldest first. */
export async function podLogs(
  c: ClusterConnection,
  clock: Clock,
  environment: Environment,
  service: Service,
  query: { revision?: number; after?: number },
): Promise<LogLine[]> {
  const pods = (await c.list("v1", "Pod", environment.namespace, selector(service, query.revision))) as V1Pod[];
  if (pods.length === 0)
    throw new UnavailableError(`no pod of ${service.name} runs in ${environment.name}`, { retryable: false });
  const lines: LogLine[] = [];
  for (const pod of pods) {
    const name = pod.metadata?.name ?? "";
    const text = await c.podLog(environment.namespace, name);
    for (const line of text.split("\n").filter(Boolean)) {
      lines.push({ seq: lines.length + 1, at: clock.now(), instance: name, stream: "stdout", text: line });
    }
  }
  return lines.filter((l) => l.seq > (query.after ?? 0));
}
