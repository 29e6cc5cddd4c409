import type { CanaryStep, Environment, Service, Strategy } from "../../config/types.js";
import { otherShare } from "../../targets/traffic-split.js";
import type { RevisionTraffic } from "../../targets/types.js";
import type { Traffic } from "../../analysis/judge.js";

/** How long the canary of `--canary` is watched when the environment has no canary plan of its own (seed: "5-minute watch"). */
export const CANARY_WATCH_MS = 5 * 60_000;

/**
 * The strategy a rollout of `service` in `environment` uses: the service's override, else the
 * environment's. `forced` (promote/deploy `--canary`) makes it a canary: the environment's own
 * canary plan where it has one, else one canary instance beside the stable ones, watched for
 * CANARY_WATCH_MS, then 100%. Pure.
 */
export function effectiveStrategy(environment: Environment, service: Service, forced?: "canary"): Strategy {
  const chosen = service.strategy ?? environment.strategy;
  if (forced !== "canary" || chosen.type === "canary") return chosen;
  if (environment.strategy.type === "canary") return environment.strategy;
  const replicas = environment.replicas.min;
  const weight = Math.max(1, Math.round(100 / (replicas + 1)));
  return {
    type: "canary",
    plan: undefined,
    steps: [
      { weight, bakeMs: CANARY_WATCH_MS },
      { weight: 100, bakeMs: 0 },
    ],
  };
}

/** Instances the canary runs at `weight` percent of `replicas`: at least one, never more than replicas. */
export function canaryReplicas(replicas: number, weight: number): number {
  return Math.min(Math.max(replicas, 1), Math.max(1, Math.ceil((replicas * weight) / 100)));
}

/**
 * The pods of each side at a canary step where the split is by replica ratio (Kubernetes without
 * a Gateway): the canary's `canaryReplicas`, the stable revision its share beside them
 * (`otherShare`): 10% of 10 replicas is 1 canary pod and 9 stable ones.
 */
export function canaryPods(replicas: number, weight: number): { canary: number; stable: number } {
  const canary = canaryReplicas(replicas, weight);
  return { canary, stable: weight >= 100 ? 0 : otherShare(canary, weight, replicas) };
}

/** The weights of a canary step: the canary's share, the rest on the stable revision. */
export function canaryWeights(canary: number, stable: number, step: CanaryStep): Record<number, number> {
  return step.weight >= 100 ? { [canary]: 100 } : { [canary]: step.weight, [stable]: 100 - step.weight };
}

/** Cumulative counters as a provider reports them, without the revision. */
export type Counters = Traffic;

export function countersOf(sample: readonly RevisionTraffic[], revision: number | null): Counters {
  const found = revision === null ? undefined : sample.find((t) => t.revision === revision);
  return found
    ? {
        requests: found.requests,
        errors: found.errors,
        latency: { le: [...found.latency.le], counts: [...found.latency.counts], sumMs: found.latency.sumMs },
      }
    : zeroCounters();
}

export function zeroCounters(le: number[] = []): Counters {
  return { requests: 0, errors: 0, latency: { le: [...le], counts: le.map(() => 0), sumMs: 0 } };
}

/**
 * What happened since `base`: the difference of cumulative counters. A counter that went down
 * means the source restarted (a new router, a reset series): then everything it reports is new.
 */
export function countersSince(now: Counters, base: Counters | null): Counters {
  if (
    !base ||
    now.requests < base.requests ||
    now.errors < base.errors ||
    base.latency.le.join() !== now.latency.le.join()
  )
    return now;
  return {
    requests: now.requests - base.requests,
    errors: now.errors - base.errors,
    latency: {
      le: now.latency.le,
      counts: now.latency.counts.map((c, i) => Math.max(0, c - (base.latency.counts[i] ?? 0))),
      sumMs: Math.max(0, now.latency.sumMs - base.latency.sumMs),
    },
  };
}
