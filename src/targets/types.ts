/**
 * What every target reports and accepts, whatever runs the revisions: the data the engine, the API
 * and the dashboard read. Nothing here is specific to one target; a target's own wire format
 * (the local agent's API in `local/contract.ts`) reuses these types.
 */

export interface InstanceStatus {
  id: string;
  pid: number | null;
  port: number;
  state: "starting" | "ready" | "unhealthy" | "crashed" | "stopped";
  restarts: number;
  startedAt: number;
}

export interface RevisionStatus {
  revision: number;
  tag: string;
  desired: number;
  ready: number;
  restarts: number;
  instances: InstanceStatus[];
  /**
   * CPU of the revision's running instances in percent of one core, averaged per instance: CPU time
   * over wall time between two samples; null until measured (the first sample) or off Linux.
   */
  cpuPercent?: number | null;
  /**
   * What the target sees wrong with the revision, each a sentence naming its source: a Deployment
   * condition that is not met (`Available False (MinimumReplicasUnavailable): …`), an instance in
   * CrashLoopBackOff with its restarts. Absent or empty: nothing.
   */
  problems?: string[];
  /**
   * Set when the revision can no longer become ready by itself, with why (a Deployment's
   * `Progressing` condition False with reason ProgressDeadlineExceeded, and its message).
   */
  failed?: string | null;
  /** Resident memory of the revision's instances, averaged per instance, in percent of the machine's memory; null until measured or off Linux. */
  memoryPercent?: number | null;
}

export interface ServiceStatus {
  environment: string;
  service: string;
  revisions: RevisionStatus[];
  /** Traffic weights in percent by revision; they add up to 100 when any revision is routed. */
  weights: Record<string, number>;
  /** The revision reachable on the preview route (blue-green), if any. */
  preview?: PreviewRoute | null;
  /** The data-plane canary guard, if one is installed. */
  guard?: GuardState | null;
}

/**
 * A blue-green preview: requests carrying `x-quikship-preview: 1` (or sent to Host
 * `SERVICE.preview.ENV.localhost`) go to `revision`; besides, `mirrorPercent` of the service's
 * live GET and HEAD requests are copied to it, their answers counted and discarded.
 */
export interface PreviewRoute {
  revision: number;
  mirrorPercent: number;
}

/**
 * What the check before a blue-green switch found: the preview answered its health path well,
 * or it did not (the switch is aborted), or the target could not ask it, and says why (the step
 * logs that and goes on to the analysis).
 */
export type PreviewCheck =
  { outcome: "passed" } | { outcome: "failed"; reason: string } | { outcome: "skipped"; reason: string };

/**
 * A canary guard: the router judges `canary` against `stable` with the canary judgement
 * (`judgeCanary`, never at a bake's end, restarts not counted) on what both served since the guard
 * was installed, after every response of the canary and every 16th of the stable. On an abort
 * verdict it sends all traffic to `stable` at once, before any engine notices: the service's
 * weights become `{stable: 100}`, and the guard judges no more.
 */
export interface CanaryGuard {
  canary: number;
  stable: number;
  thresholds: {
    errorRatePercent?: { warning: number; critical: number };
    latencyP99Ms?: { warning: number; critical: number };
  };
  judgement: { minSampleRequests: number; confidence: number; inconclusive: "pause" | "abort" | "promote" };
}

export interface GuardState {
  canary: number;
  stable: number;
  /** When the guard was installed (ms since the epoch). */
  since: number;
  /** Set once the guard aborted: traffic went to `stable` at `at`. */
  verdict: { decision: "abort"; reasons: string[]; at: number } | null;
}

export interface RouterStatus {
  environment: string;
  port: number;
  url: string;
}

/** Requests, 5xx and latency per revision, as the router counted them since it started. */
export interface RevisionTraffic {
  revision: number;
  requests: number;
  errors: number;
  /** Latency histogram: upper bounds in ms and cumulative counts (Prometheus style). */
  latency: { le: number[]; counts: number[]; sumMs: number };
}

/** One line of an instance's output; `stream` "agent" marks the target's own notes (exits, restarts). */
export interface LogLine {
  seq: number;
  at: number;
  instance: string;
  stream: "stdout" | "stderr" | "agent";
  text: string;
}

/** A secret a revision's instances receive, by reference: resolved only where a target hands it to a running process. */
export interface SecretReference {
  /** The variable's name in the instances' environment. */
  name: string;
  /** `env:NAME`, `file:/absolute/path` (made absolute when planned), `vault:...`, `keyvault:...`. */
  reference: string;
}

/** A HorizontalPodAutoscaler that owns a revision's replicas: the target keeps them between its bounds. */
export interface AutoscalerStatus {
  name: string;
  minReplicas: number;
  maxReplicas: number;
}

/**
 * How a rolling update the target carries out itself (`Target.rollOut`) stands: still progressing
 * (what it waits for), complete (every instance updated and available, none of the old left), or
 * failed (why: a progress deadline passed, the object was changed under it).
 */
export interface RolloutProgress {
  state: "progressing" | "complete" | "failed";
  message: string;
}
