/** The failure sentences of a revision's health, as the rollout steps give them in a run's failure. */
import type { RevisionStatus } from "../../targets/target.js";

/** `an instance crashed (2 restarts: pod … CrashLoopBackOff, …)`, with what the target saw of it. */
export function crashText(revision: RevisionStatus): string {
  const crashes = (revision.problems ?? []).filter((p) => p.includes("CrashLoopBackOff"));
  const restarts = `${revision.restarts} restart${revision.restarts === 1 ? "" : "s"}`;
  return `an instance crashed (${restarts}${crashes.length ? `: ${crashes.join("; ")}` : ""})`;
}

/** Why the target says the revision can no longer become ready (a Deployment's progress deadline). */
export function failedText(revision: RevisionStatus | undefined): string | undefined {
  return revision?.failed ? `the rollout failed: ${revision.failed}` : undefined;
}
