/**
 * An environment in detail, as `quikship envs ENV` prints it and the API answers it: what the
 * platform file says, its place on the ladder, and its window at a moment. Apart from views.ts,
 * so the commands that show no window never load the calendar code.
 */
import type { Environment, Platform } from "../config/types.js";
import { describeMoment, windowState } from "../gates/windows.js";
import { environmentJson } from "./describe.js";

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
