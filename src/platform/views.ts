/**
 * What the platform file says, as the CLI prints it and the API answers it: the services, an
 * environment in detail with its window at a moment, and effective variables with secrets masked.
 * Pure: the caller loads the platform and picks the moment.
 */
import type { Environment, Operation, Platform, Service } from "../config/types.js";
import { describeMoment, windowState } from "../gates/windows.js";
import { environmentJson } from "./describe.js";
import { effectiveVariables, MASK } from "./variables.js";

export const OPERATIONS = ["deploy", "ci", "terraform"] as const satisfies readonly Operation[];

export function serviceList(platform: Platform, stack?: string) {
  return Object.values(platform.services)
    .filter((s) => stack === undefined || s.stack === stack)
    .map((s) => ({
      name: s.name,
      stack: s.stack,
      port: s.port,
      healthPath: s.healthPath,
      repository: s.repository ?? null,
      image: s.image,
      strategy: s.strategy?.type ?? null,
      dependsOn: s.dependsOn,
    }));
}

export type EnvironmentDetail = ReturnType<typeof environmentDetail>;

export function environmentDetail(platform: Platform, env: Environment, nowMs: number) {
  const state = windowState(env.windows, nowMs);
  const zone = env.windows?.timezone ?? "UTC";
  const window = state.open
    ? {
        open: true,
        at: new Date(nowMs).toISOString(),
        closesAt: state.always ? null : describeMoment(state.closesAtMs, zone),
        nextOpening: null,
        reason: null,
      }
    : {
        open: false,
        at: new Date(nowMs).toISOString(),
        closesAt: null,
        nextOpening: state.nextOpenMs === undefined ? null : describeMoment(state.nextOpenMs, zone),
        reason: state.reason,
      };
  return {
    ...environmentJson(env),
    ladder: {
      position: env.position + 1,
      of: platform.ladder.length,
      from: env.from ?? null,
      next: platform.ladder.filter((n) => platform.environments[n]!.from === env.name),
    },
    tests: env.tests.map((t) => ({ name: t.name, kind: t.kind, required: t.required })),
    allowSkipTests: env.allowSkipTests,
    window,
  };
}

/** The effective variables of an environment (and a service), secrets as the mask with their reference. */
export function variablesView(
  platform: Platform,
  env: Environment,
  service: Service | undefined,
  operation: Operation,
) {
  const list = effectiveVariables(platform, env, { service, operation });
  return {
    environment: env.name,
    service: service?.name ?? null,
    operation,
    variables: Object.fromEntries(
      list.map((v) => [
        v.name,
        v.secret
          ? { value: MASK, secret: true as const, reference: v.reference, source: v.source, overrides: v.overrides }
          : { value: v.value, secret: false as const, source: v.source, overrides: v.overrides },
      ]),
    ),
  };
}
