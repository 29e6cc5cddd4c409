import { InputError } from "../../errors.js";
import type { Json } from "../types.js";
import type { StepHandler } from "./handler.js";

function object(params: Json): { [key: string]: Json } {
  if (params === null || typeof params !== "object" || Array.isArray(params))
    throw new InputError("step parameters must be an object");
  return params;
}

const text = (p: { [key: string]: Json }, key: string): string => {
  const v = p[key];
  if (typeof v !== "string") throw new InputError(`step parameter ${key} must be a string`);
  return v;
};

/** Does nothing: the engine's own overhead, measured and tested. */
export const noopStep: StepHandler = {
  kind: "noop",
  run: () => Promise.resolve({ outcome: "done" }),
};

/** Holds the run for a duration of the engine's clock; the wake-up time is persisted, so it survives restarts. */
export const timerStep: StepHandler = {
  kind: "timer",
  run: (ctx, params) => {
    const p = object(params);
    const durationMs = Number(p.durationMs ?? 0);
    const untilMs =
      ctx.state !== null && typeof ctx.state === "object" && !Array.isArray(ctx.state)
        ? Number(ctx.state.untilMs)
        : ctx.clock.now() + durationMs;
    if (ctx.clock.now() >= untilMs) return Promise.resolve({ outcome: "done" });
    const message = typeof p.message === "string" ? p.message : "waiting";
    return Promise.resolve({
      outcome: "wait",
      reason: { kind: "timer", message, untilMs },
      wakeAtMs: untilMs,
      state: { untilMs },
    });
  },
};

/** The exclusive lock of an environment and service, held until the run ends. */
export const lockStep: StepHandler = {
  kind: "lock",
  run: async (ctx, params) => {
    const p = object(params);
    const environment = text(p, "environment");
    const service = text(p, "service");
    const result = await ctx.locks.acquire(environment, service);
    if (result.acquired) return { outcome: "done" };
    return {
      outcome: "wait",
      reason: {
        kind: "lock",
        environment,
        service,
        heldBy: result.heldBy,
        message: `run ${result.heldBy} holds the lock of ${service} in ${environment}`,
      },
      // Woken when the holder ends; the timer is a safety net for runs woken by another environment.
      wakeAtMs: ctx.clock.now() + 5_000,
    };
  },
};
