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
  /**
   * CPU of the revision's running instances in percent of one core, averaged per instance: CPU time
   * over wall time between two samples; null until measured (the first sample) or off Linux.
   */
  cpuPercent?: number | null;
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
 *   PUT    /v1/preview/:env/:service PreviewRoute      → ServiceStatus  (a running revision on the preview route; replaces any other)
 *   DELETE /v1/preview/:env/:service                   → ServiceStatus  (removes the preview route)
 *   PUT    /v1/guard/:env/:service   CanaryGuard       → ServiceStatus  (installs the router's guard, counting from now; replaces
 *                                                 any other and its verdict; later weights keep the verdict)
 *   DELETE /v1/guard/:env/:service                     → ServiceStatus  (removes the guard and its verdict)
 *   POST   /v1/restart/:env/:service/:revision { maxUnavailable?, key?, wait? } → RevisionStatus (rolling restart: one instance
 *                                                 at a time; a key seen before restarts nothing; wait: answer once it is done)
 *   GET    /v1/status[?env=]                             → ServiceStatus[] (with preview, guard, and each revision's CPU and
 *                                                 memory, sampled from /proc on each call)
 *   GET    /v1/traffic/:env/:service                     → RevisionTraffic[]
 *   GET    /v1/logs/:env/:service?revision=&after=       → { lines: {seq, at, instance, stream, text}[] }
 *   GET    /metrics                                      → Prometheus text: per env/service/revision requests, 5xx, latency histogram, restarts
 *   POST   /v1/shutdown                                  → {} (stops every instance and router, then exits)
 *
 * PUT preview and guard need the environment's router (PUT /v1/routers/:env first) and name running
 * revisions. Each router also answers `GET /-/metrics` (its own Prometheus text) without a token.
 */
export const AGENT_API_VERSION = 1;
