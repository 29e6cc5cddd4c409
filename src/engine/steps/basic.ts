import * as z from "zod";
import { defineStep, NO_OUTPUT, NO_STATE } from "./contract.js";
import { environmentName, serviceName } from "./names.js";

/** Does nothing: the engine's own overhead, measured and tested. */
export const noopStep = defineStep({
  kind: "noop",
  params: z.null(),
  state: NO_STATE,
  output: NO_OUTPUT,
}).handledBy(() => Promise.resolve({ outcome: "done", output: null }));

/** Holds the run for a duration of the engine's clock; the wake-up time is persisted, so it survives restarts. */
export const timerStep = defineStep({
  kind: "timer",
  params: z.strictObject({ durationMs: z.int().min(0), message: z.string().optional() }),
  state: z.strictObject({ untilMs: z.number() }),
  output: NO_OUTPUT,
}).handledBy((ctx, p) => {
  const untilMs = ctx.state?.untilMs ?? ctx.clock.now() + p.durationMs;
  if (ctx.clock.now() >= untilMs) return Promise.resolve({ outcome: "done", output: null });
  return Promise.resolve({
    outcome: "wait",
    reason: { kind: "timer", message: p.message ?? "waiting", untilMs },
    wakeAtMs: untilMs,
    state: { untilMs },
  });
});

/** The exclusive lock of an environment and service, held until the run ends. */
export const lockStep = defineStep({
  kind: "lock",
  params: z.strictObject({ environment: environmentName, service: serviceName }),
  state: NO_STATE,
  output: NO_OUTPUT,
}).handledBy(async (ctx, { environment, service }) => {
  const result = await ctx.locks.acquire(environment, service);
  if (result.acquired) return { outcome: "done", output: null };
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
    state: null,
  };
});
