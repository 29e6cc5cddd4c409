/**
 * Prometheus metrics of one server: a registry per app (never prom-client's global one, so two
 * apps in one process, as in tests, do not share counters), fed by the engine through an
 * EngineObserver.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { EngineObserver } from "../engine/api.js";

/** Step durations: a no-op step takes milliseconds, a rollout minutes. */
const STEP_BUCKETS_S = [0.005, 0.025, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];
/** Gate waits: a lock for seconds, an approval or a window for hours or days. */
const GATE_BUCKETS_S = [1, 10, 60, 300, 900, 3600, 4 * 3600, 12 * 3600, 86_400, 3 * 86_400];

export interface Metrics {
  registry: Registry;
  observer: EngineObserver;
}

export function createMetrics(): Metrics {
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
  const observer: EngineObserver = {
    runFinished: (run) => runs.inc({ kind: run.kind, outcome: run.status }),
    stepFinished: (step) => steps.observe({ kind: step.kind, status: step.status }, step.durationMs / 1000),
    gateWaitEnded: (wait) => gates.observe({ kind: wait.kind }, wait.durationMs / 1000),
  };
  return { registry, observer };
}
