/**
 * The local target's parts and how they talk. The agent (a process of its own, outliving
 * servers) supervises service instances and hosts one router per environment; servers drive it
 * over a small HTTP JSON API on loopback. Everything here is data: both sides import it. The
 * target-neutral parts (statuses, traffic, guards) live in `targets/types.ts`.
 */

export type {
  CanaryGuard,
  GuardState,
  InstanceStatus,
  LogLine,
  PreviewRoute,
  RevisionStatus,
  RevisionTraffic,
  RouterStatus,
  ServiceStatus,
} from "../targets/types.js";

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
  /** Plain variables and resolved secrets, given only in the instances' environment (the agent process is where a secret is handed over). */
  env: Record<string, string>;
  /** Names of `env` entries that are secrets: masked in logs and never shown by status. */
  secretNames: string[];
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
