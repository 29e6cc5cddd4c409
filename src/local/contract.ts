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
}

export interface ServiceStatus {
  environment: string;
  service: string;
  revisions: RevisionStatus[];
  /** Traffic weights in percent by revision; they add up to 100 when any revision is routed. */
  weights: Record<string, number>;
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
