/**
 * The status matrix, decided from what was gathered: the store's active revisions, what each
 * target answered (or why it did not), the unfinished runs and the local routers. Pure: the route
 * gathers, this decides.
 */
import type { Environment, Platform } from "../config/types.js";
import type { ServiceStatus } from "../targets/target.js";
import type { EnvironmentStatusView, Health, ServiceStatusView } from "./service-schemas.js";

export interface ActiveRevision {
  service: string;
  number: number;
  tag: string;
  /** The image digest the revision runs; null where no registry is asked. */
  digest: string | null;
  replicas: number;
  activatedAt: number | null;
}

/** What a target said about one service, or why it could not say. */
export type TargetAnswer = { ok: true; status: ServiceStatus } | { ok: false; message: string };

/** An unfinished run, oldest first in the list given. */
export interface UnfinishedRun {
  id: string;
  kind: string;
  status: string;
  services: string[];
}

export interface EnvironmentInputs {
  environment: Environment;
  targetKind: string;
  router: { url: string; port: number } | null;
  /** Active revisions of this environment. */
  active: ActiveRevision[];
  answers: Map<string, TargetAnswer>;
  /** Unfinished runs of this environment, oldest first. */
  runs: UnfinishedRun[];
}

/** Kinds of runs that change what a service runs. */
export const ROLLOUT_KINDS: readonly string[] = ["deploy", "rollback", "restart", "scale"];

export function environmentStatus(platform: Platform, inputs: EnvironmentInputs): EnvironmentStatusView {
  const { environment } = inputs;
  const services = Object.keys(platform.services).map((service) =>
    serviceStatus(
      service,
      inputs.active.find((a) => a.service === service),
      inputs.answers.get(service) ?? { ok: false, message: "the target was not asked" },
      inputs.runs.find((r) => ROLLOUT_KINDS.includes(r.kind) && r.services.includes(service)),
    ),
  );
  return {
    environment: environment.name,
    position: environment.position,
    target: inputs.targetKind,
    router: inputs.router,
    services,
  };
}

export function serviceStatus(
  service: string,
  active: ActiveRevision | undefined,
  answer: TargetAnswer,
  run: UnfinishedRun | undefined,
): ServiceStatusView {
  const running = answer.ok ? answer.status.revisions : [];
  const counts = answer.ok ? replicaCounts(active, answer.status) : undefined;
  const { health, message } = withProblems(healthOf(active, answer, counts), running);
  return {
    service,
    revision: active?.number ?? null,
    tag: active?.tag ?? null,
    digest: active?.digest ?? null,
    activatedAt: active?.activatedAt ?? null,
    desired: counts?.desired ?? null,
    ready: counts?.ready ?? null,
    restarts: counts?.restarts ?? null,
    weights: answer.ok ? { ...answer.status.weights } : {},
    revisions: running.map((r) => ({
      revision: r.revision,
      tag: r.tag,
      desired: r.desired,
      ready: r.ready,
      restarts: r.restarts,
      problems: r.problems ?? [],
    })),
    health,
    message,
    rolloutInProgress: run ? { runId: run.id, kind: run.kind, status: run.status } : null,
  };
}

/** A health short of healthy names what the target sees wrong (a Deployment condition, a crash loop). */
function withProblems(
  h: { health: Health; message: string | null },
  running: ServiceStatus["revisions"],
): { health: Health; message: string | null } {
  const problems = running.flatMap((r) => r.problems ?? []);
  if (h.health === "healthy" || h.health === "not-deployed" || problems.length === 0) return h;
  return { ...h, message: [h.message, ...problems].filter((m) => m !== null).join("; ") };
}

interface Counts {
  desired: number;
  ready: number;
  restarts: number;
}

/**
 * Instances over every revision the target runs. An active revision the target does not run at
 * all (its agent was replaced, say) still counts as wanted: nothing serves what should.
 */
export function replicaCounts(active: ActiveRevision | undefined, status: ServiceStatus): Counts {
  const sum = (f: (r: ServiceStatus["revisions"][number]) => number): number =>
    status.revisions.reduce((n, r) => n + f(r), 0);
  const missing =
    active !== undefined && !status.revisions.some((r) => r.revision === active.number) ? active.replicas : 0;
  return { desired: sum((r) => r.desired) + missing, ready: sum((r) => r.ready), restarts: sum((r) => r.restarts) };
}

export function healthOf(
  active: ActiveRevision | undefined,
  answer: TargetAnswer,
  counts: Counts | undefined,
): { health: Health; message: string | null } {
  if (!active) return { health: "not-deployed", message: null };
  if (!answer.ok || counts === undefined) return { health: "unknown", message: answer.ok ? null : answer.message };
  const { desired, ready } = counts;
  if (desired === 0) return { health: "down", message: "scaled to 0 replicas" };
  if (ready === 0) return { health: "down", message: `none of ${desired} instance${desired === 1 ? "" : "s"} ready` };
  if (ready < desired) return { health: "degraded", message: `${ready} of ${desired} instances ready` };
  return { health: "healthy", message: null };
}
