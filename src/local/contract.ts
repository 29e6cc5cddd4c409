/**
 * The local target's parts and how they talk. The agent (a process of its own, outliving
 * servers) supervises service instances and hosts one router per environment; servers drive it
 * over a small HTTP JSON API on loopback. Everything here is data: both sides import it.
 */

/** One revision of a service in an environment, as the agent should run it. */
export interface RevisionSpec {
  environment: string;
  service: string;
  revision: number;
  tag: string;
  replicas: number;
  /** Program and arguments, or a string run by /bin/sh. */
  command: string | string[];
  cwd: string;
  healthPath: string;
  /** Plain variables and resolved secrets, given only in the instances' environment. */
  env: Record<string, string>;
  /** Names of `env` entries that are secrets: masked in logs and never shown by status. */
  secretNames: string[];
}

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
  /** CPU of the revision's running instances in percent of one core, averaged per instance; null until measured. */
  cpuPercent?: number | null;
  /** Resident memory of the revision's instances, averaged per instance, in percent of the machine's memory; null until measured. */
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
 * A canary guard: the router judges `canary` against `stable` after every response of either
 * (counting from when the guard was installed) with the canary judgement, and on an abort
 * verdict sends all traffic to `stable` at once, before any engine notices.
 */
export interface CanaryGuard {
  canary: number;
  stable: number;
  thresholds: { errorRatePercent?: { warning: number; critical: number }; latencyP99Ms?: { warning: number; critical: number } };
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

/**
 * The agent's HTTP API (JSON; loopback only; every request carries the agent's token from the
 * state directory in `Authorization: Bearer`):
 *
 *   GET    /v1/health                                   → { pid, version, startedAt }
 *   PUT    /v1/routers/:env          { port? }          → RouterStatus   (starts the env's router; idempotent)
 *   GET    /v1/routers                                  → RouterStatus[]
 *   PUT    /v1/revisions             RevisionSpec       → RevisionStatus (starts or resizes; idempotent)
 *   DELETE /v1/revisions/:env/:service/:revision        → {}             (stops its instances)
 *   PUT    /v1/weights/:env/:service { weights: {revision: percent} } → ServiceStatus (applies from the next request)
 *   POST   /v1/restart/:env/:service/:revision { maxUnavailable?, key?, wait? } → RevisionStatus (rolling restart: one instance
 *                                                 at a time; a key seen before restarts nothing; wait: answer once it is done)
 *   GET    /v1/status[?env=]                             → ServiceStatus[]
 *   GET    /v1/traffic/:env/:service                     → RevisionTraffic[]
 *   GET    /v1/logs/:env/:service?revision=&after=       → { lines: {seq, at, instance, stream, text}[] }
 *   GET    /metrics                                      → Prometheus text: per env/service/revision requests, 5xx, latency histogram, restarts
 *   POST   /v1/shutdown                                  → {} (stops every instance and router, then exits)
 */
export const AGENT_API_VERSION = 1;
