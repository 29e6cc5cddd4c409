/**
 * What a deploy would change, decided without changing anything: per service the active revision
 * and what would replace it, the strategy, the variables the instances would get (secrets masked)
 * and the gates on the way. Pure: the platform, the store's state and the moment are passed in.
 */
import type { Environment, Platform, Service, Strategy } from "../config/types.js";
import { canaryPods } from "../engine/strategies/progressive.js";
import { strategyTraffic } from "../targets/traffic-split.js";
import type { TrafficSplit } from "../targets/traffic-split.js";
import { describeMoment, windowState } from "../gates/windows.js";
import { approvalsJson, strategyJson } from "../platform/describe.js";
import { effectiveVariables, MASK } from "../platform/variables.js";
import type { PreviewView, ServicePreview } from "./service-schemas.js";

export interface PreviewInputs {
  platform: Platform;
  environment: Environment;
  services: Service[];
  tag: string;
  /** The active revision of each service in the environment. */
  active: { service: string; number: number; tag: string; replicas: number }[];
  /** Who holds the lock of each locked service in the environment. */
  locks: { service: string; runId: string; acquiredAt: number }[];
  nowMs: number;
  /** How the environment's target splits traffic between revisions. */
  traffic: TrafficSplit;
  /** Whether the target rolls a service's rolling update itself (`Target.rollsOut`); absent: never. */
  rollsOut?: (service: Service) => boolean;
}

export function previewDeploy(inputs: PreviewInputs): PreviewView {
  const { environment, tag, nowMs } = inputs;
  return {
    environment: environment.name,
    tag,
    at: nowMs,
    gates: {
      approvals: approvalsJson(environment.approvals),
      window: windowView(environment, nowMs),
      lockPolicy: environment.lock,
    },
    services: inputs.services.map((service) => servicePreview(inputs, service)),
  };
}

function servicePreview(inputs: PreviewInputs, service: Service): ServicePreview {
  const { platform, environment, tag } = inputs;
  const active = inputs.active.find((a) => a.service === service.name);
  const lock = inputs.locks.find((l) => l.service === service.name);
  const strategy = service.strategy ?? environment.strategy;
  return {
    service: service.name,
    change: !active ? "install" : active.tag === tag ? "redeploy" : "update",
    current: active ? { revision: active.number, tag: active.tag, replicas: active.replicas } : null,
    next: { tag, replicas: environment.replicas.min },
    strategy: {
      ...strategyJson(strategy),
      ...trafficJson(environment, strategy, inputs.traffic, inputs.rollsOut?.(service) ?? false),
      source: strategySource(service),
    },
    variables: variablesView(platform, environment, service),
    lock: lock ? { heldBy: lock.runId, since: lock.acquiredAt } : null,
  };
}

/**
 * How the traffic is split (by replica ratio, each canary step's pods, canary and stable, too);
 * where that is by replica ratio, a blue-green switch is by Service selector.
 */
function trafficJson(
  environment: Environment,
  strategy: Strategy,
  split: TrafficSplit,
  rollsOut: boolean,
): Record<string, unknown> {
  const traffic = strategyTraffic(split, strategy.type, rollsOut);
  if (traffic !== "replica ratio" || strategy.type !== "canary") return { traffic };
  const replicas = environment.replicas.min;
  const steps = strategyJson(strategy).steps as Record<string, unknown>[];
  return { traffic, steps: steps.map((st, i) => ({ ...st, pods: canaryPods(replicas, strategy.steps[i]!.weight) })) };
}

const strategySource = (service: Service): string => (service.strategy ? "service" : "environment");

function variablesView(platform: Platform, environment: Environment, service: Service): ServicePreview["variables"] {
  return Object.fromEntries(
    effectiveVariables(platform, environment, { service }).map((v) => [
      v.name,
      v.secret
        ? { value: MASK, secret: true as const, reference: v.reference, source: v.source, overrides: v.overrides }
        : { value: v.value, secret: false as const, source: v.source, overrides: v.overrides },
    ]),
  );
}

function windowView(environment: Environment, nowMs: number): PreviewView["gates"]["window"] {
  const state = windowState(environment.windows, nowMs);
  const zone = environment.windows?.timezone ?? "UTC";
  if (state.open) {
    return {
      open: true,
      always: state.always,
      closesAt: state.always ? null : describeMoment(state.closesAtMs, zone),
      nextOpening: null,
      reason: null,
    };
  }
  return {
    open: false,
    always: false,
    closesAt: null,
    nextOpening: state.nextOpenMs === undefined ? null : describeMoment(state.nextOpenMs, zone),
    reason: state.reason,
  };
}
