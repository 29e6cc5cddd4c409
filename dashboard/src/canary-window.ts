/**
 * Which counters the canary view's table shows, and what it says about their window. Pure: the
 * page passes the time format.
 */
import type { RevisionTraffic, TrafficView } from "./types.ts";

/** `phase` of `GET /v1/traffic/ENV/SERVICE?run=ID`: each revision's counters since the rollout's current phase began. */
export interface TrafficPhase {
  run: string;
  strategy: "canary" | "blue-green";
  phase: string;
  pausedFrom: string | null;
  step: number | null;
  steps: number | null;
  weight: number | null;
  since: number;
  source: string;
  revisions: RevisionTraffic[];
}

export interface PhasedTrafficView extends TrafficView {
  /** Asked with `?run=`: null when the run is not under analysis there now; absent when not asked. */
  phase?: TrafficPhase | null;
}

/** The rows' figures and the words that say what window they cover. */
export interface TrafficWindow {
  revisions: RevisionTraffic[];
  /** True when the figures are the window the engine judges (since the phase began). */
  phase: boolean;
  caption: string;
}

/** What the phase's counters count from, in words: "step 2 of 3 (50%) began at 14:02:10". */
export function phaseStart(phase: TrafficPhase, time: (ms: number) => string): string {
  const at = time(phase.since);
  const current = phase.phase === "paused" ? (phase.pausedFrom ?? "baking") : phase.phase;
  const paused = phase.phase === "paused" ? " (now paused for a person)" : "";
  let what: string;
  if (current === "baking" && phase.step !== null) {
    const of = phase.steps === null ? "" : ` of ${phase.steps}`;
    const weight = phase.weight === null ? "" : ` (${phase.weight}%)`;
    what = `step ${phase.step}${of}${weight} began at ${at}`;
  } else if (current === "preview") what = `the preview began at ${at}`;
  else if (current === "switched") what = `the switch at ${at}`;
  else if (current === "finishing") what = `the canary passed at ${at}`;
  else what = `the ${current} phase began at ${at}`;
  return `${what}${paused}`;
}

/**
 * The current phase's figures when the server gave them (what the engine judges), else the
 * target's cumulative ones, labelled as such: a cumulative error rate is not the one judged.
 */
export function trafficWindow(traffic: PhasedTrafficView, time: (ms: number) => string): TrafficWindow {
  const asOf = `as of ${time(traffic.at)}`;
  const phase = traffic.phase;
  if (phase) {
    const source = phase.source === "router" ? "" : ` (from the ${phase.source} metrics)`;
    return {
      revisions: phase.revisions,
      phase: true,
      caption: `Since ${phaseStart(phase, time)}: the window the engine judges${source}; ${asOf}`,
    };
  }
  const counted =
    traffic.source.type === "prometheus"
      ? "as Prometheus counts it (since each series began)"
      : "since the target began counting";
  return {
    revisions: traffic.revisions,
    phase: false,
    caption: `Cumulative ${counted}, not only the current phase the engine judges; ${asOf}`,
  };
}

/**
 * The sentence the page shows instead of the table when nothing counts the environment's traffic
 * (a cluster without a Prometheus provider), saying why; null when something does.
 */
export function uncountedTraffic(traffic: TrafficView): string | null {
  return traffic.source.type === "none" ? `No traffic to show: ${traffic.source.reason}.` : null;
}
