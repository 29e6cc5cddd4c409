/**
 * A revision's health as its Deployment and pods tell it: the Deployment's conditions that are not
 * met (`Available`, `Progressing`; `ProgressDeadlineExceeded` means the rollout failed) and the
 * pods in CrashLoopBackOff with their restarts, each as a sentence naming its source. Pure.
 */
import type { V1Deployment, V1Pod } from "@kubernetes/client-node";
import type { RevisionStatus } from "../types.js";
import { LABELS } from "./objects.js";
import { instanceOf } from "./pods.js";

export interface RevisionHealth {
  problems: string[];
  /** Why the revision cannot become ready by itself (the progress deadline passed); null: it still may. */
  failed: string | null;
}

/** `Progressing False (ProgressDeadlineExceeded): ReplicaSet "x" has timed out progressing.` */
function conditionText(
  d: V1Deployment,
  c: { type: string; status: string; reason?: string; message?: string },
): string {
  const reason = c.reason ? ` (${c.reason})` : "";
  return `Deployment ${d.metadata?.name ?? ""} ${c.type} ${c.status}${reason}${c.message ? `: ${c.message}` : ""}`;
}

export function podProblems(pods: V1Pod[]): string[] {
  const problems: string[] = [];
  for (const pod of pods) {
    for (const c of pod.status?.containerStatuses ?? []) {
      const waiting = c.state?.waiting;
      if (waiting?.reason !== "CrashLoopBackOff") continue;
      const restarts = c.restartCount ?? 0;
      const last = c.lastState?.terminated;
      const exit = last ? `, last exit ${last.exitCode}${last.reason ? ` (${last.reason})` : ""}` : "";
      problems.push(
        `pod ${pod.metadata?.name ?? ""} container ${c.name}: CrashLoopBackOff, ${restarts} restart${restarts === 1 ? "" : "s"}${exit}`,
      );
    }
  }
  return problems;
}

export function revisionHealth(d: V1Deployment, pods: V1Pod[]): RevisionHealth {
  const problems: string[] = [];
  let failed: string | null = null;
  const observed = (d.status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
  for (const c of d.status?.conditions ?? []) {
    if (c.type === "Progressing" && c.reason === "ProgressDeadlineExceeded" && observed) {
      failed = conditionText(d, c);
      problems.push(failed);
    } else if ((c.type === "Available" || c.type === "Progressing") && c.status !== "True") {
      problems.push(conditionText(d, c));
    }
  }
  problems.push(...podProblems(pods));
  return { problems, failed };
}

/** A revision as the Target reports it, from its Deployment and the service's pods. */
export function revisionStatus(d: V1Deployment, pods: V1Pod[]): RevisionStatus {
  const revision = Number(d.metadata?.labels?.[LABELS.revision]);
  const mine = pods.filter((p) => p.metadata?.labels?.[LABELS.revision] === String(revision));
  const instances = mine.map((p) => instanceOf(p));
  const { problems, failed } = revisionHealth(d, mine);
  return {
    revision,
    tag: d.metadata?.labels?.[LABELS.version] ?? "",
    desired: d.spec?.replicas ?? 0,
    ready: d.status?.readyReplicas ?? 0,
    restarts: instances.reduce((n, i) => n + i.restarts, 0),
    instances,
    problems,
    failed,
  };
}
