/**
 * Prometheus metrics of one server: a registry per app (never prom-client's global one, so two
 * apps in one process, as in tests, do not share counters), fed by the engine through an
 * EngineObserver.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { EngineObserver } from "../engine/api.js";
import type { ServerView } from "./server-schemas.js";
import type { ChangeFeedStats } from "../store/changes/feed.js";

/** Step durations: a no-op step takes milliseconds, a rollout minutes. */
const STEP_BUCKETS_S = [0.005, 0.025, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];
/** Gate waits: a lock for seconds, an approval or a window for hours or days. */
const GATE_BUCKETS_S = [1, 10, 60, 300, 900, 3600, 4 * 3600, 12 * 3600, 86_400, 3 * 86_400];

export interface Metrics {
  registry: Registry;
  observer: EngineObserver;
}

/** The servers sharing the database, read when metrics are scraped. */
export type ServersSource = () => Promise<{ now: number; servers: ServerView[] }>;

export function createMetrics(servers?: ServersSource, changes?: () => ChangeFeedStats): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const runs = new Counter({
    name: "quikship_runs_total",
    help: "Runs that ended, by kind and outcome (succeeded, failed, cancelled).",
    labelNames: ["kind", "outcome"] as const,
    registers: [registry],
  });
  const steps = new Histogram({
    name: "quikship_step_duration_seconds",
    help: "Duration of finished steps, by step kind and final status.",
    labelNames: ["kind", "status"] as const,
    buckets: STEP_BUCKETS_S,
    registers: [registry],
  });
  const gates = new Histogram({
    name: "quikship_gate_wait_seconds",
    help: "Time runs waited at a gate, by gate kind (approval, window, lock, timer, manual).",
    labelNames: ["kind"] as const,
    buckets: GATE_BUCKETS_S,
    registers: [registry],
  });
  const claims = new Counter({
    name: "quikship_run_claims_total",
    help: "Runs this server claimed: to start, to go on after a wait, or to take over from a server that lost them.",
    registers: [registry],
  });
  const lost = new Counter({
    name: "quikship_leases_lost_total",
    help: "Runs this server was executing and lost: the lease could not be renewed (taken over, or cancelled).",
    registers: [registry],
  });
  const fenced = new Counter({
    name: "quikship_effects_fenced_total",
    help: "Target effects the fence stopped because this server no longer held the run.",
    registers: [registry],
  });
  if (servers) serverGauges(registry, servers);
  if (changes) changeFeedMetrics(registry, changes);
  const observer: EngineObserver = {
    runClaimed: () => claims.inc(),
    leaseLost: () => lost.inc(),
    effectFenced: () => fenced.inc(),
    runFinished: (run) => runs.inc({ kind: run.kind, outcome: run.status }),
    stepFinished: (step) => steps.observe({ kind: step.kind, status: step.status }, step.durationMs / 1000),
    gateWaitEnded: (wait) => gates.observe({ kind: wait.kind }, wait.durationMs / 1000),
  };
  return { registry, observer };
}

/** Gauges of every server sharing the database, read from it at each scrape. */
function serverGauges(registry: Registry, servers: ServersSource): void {
  let latest: Promise<{ now: number; servers: ServerView[] }> | undefined;
  // One read serves the gauges of one scrape.
  const read = (): Promise<{ now: number; servers: ServerView[] }> => {
    latest ??= servers().finally(() => setImmediate(() => (latest = undefined)));
    return latest;
  };
  new Gauge({
    name: "quikship_servers",
    help: "Servers sharing the database, by state: alive, stopped (gracefully), missing (no heartbeat within its lease).",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      const { servers: all } = await read().catch(() => ({ now: 0, servers: [] }));
      this.reset();
      for (const state of ["alive", "stopped", "missing"] as const)
        this.set({ state }, all.filter((s) => s.state === state).length);
    },
  });
  new Gauge({
    name: "quikship_server_runs_held",
    help: "Runs each server holds now (leases not expired).",
    labelNames: ["server"] as const,
    registers: [registry],
    async collect() {
      const { servers: all } = await read().catch(() => ({ now: 0, servers: [] }));
      this.reset();
      for (const s of all) if (s.state !== "stopped") this.set({ server: s.id }, s.runsHeld);
    },
  });
  new Gauge({
    name: "quikship_server_heartbeat_age_seconds",
    help: "Seconds since each server that has not stopped last wrote its heartbeat (every second while it runs).",
    labelNames: ["server"] as const,
    registers: [registry],
    async collect() {
      const { now, servers: all } = await read().catch(() => ({ now: 0, servers: [] }));
      this.reset();
      for (const s of all) if (s.state !== "stopped") this.set({ server: s.id }, (now - s.heartbeatAt) / 1000);
    },
  });
}

/** The change feed's counters (store/changes/), read from it at each scrape. */
function changeFeedMetrics(registry: Registry, stats: () => ChangeFeedStats): void {
  const counter = (name: string, help: string, value: (s: ChangeFeedStats) => number): void => {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(value(stats()));
      },
    });
  };
  counter(
    "quikship_change_notifications_sent_total",
    "Change notifications this server sent to the others sharing the database (each carries the changes of a transaction or a tick).",
    (s) => s.sent,
  );
  counter(
    "quikship_change_notifications_received_total",
    "Change notifications this server received from the others sharing the database.",
    (s) => s.received,
  );
  counter(
    "quikship_change_feed_reconnects_total",
    "Times the connection listening for other servers' changes was lost and made again (each followed by a full re-read).",
    (s) => s.reconnects,
  );
  new Gauge({
    name: "quikship_change_feed_listening",
    help: "1 while other servers' changes reach this server at once, 0 while they reach it only through the re-read each second.",
    registers: [registry],
    collect() {
      this.set(stats().listening ? 1 : 0);
    },
  });
}
