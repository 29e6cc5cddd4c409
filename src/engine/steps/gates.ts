import * as z from "zod";
import { evaluateApprovals } from "../../gates/approvals.js";
import { describeMoment, windowState } from "../../gates/windows.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { listDecisions } from "../../store/approvals/decisions.js";
import { sourceRevisions } from "../../store/revisions/read.js";
import { describeSourceProblems, sourceProblems } from "../plan/source.js";
import { defineStep, NO_OUTPUT, NO_STATE } from "./contract.js";
import { StepFailure } from "./handler.js";
import { environmentName, serviceName } from "./names.js";

/** The environment's deployment window: waits (a persisted timer) until it opens, unless an allowed emergency override was planned. */
export const windowStep = defineStep({
  kind: "window",
  params: z.strictObject({
    environment: environmentName,
    /** The reason of an emergency override the planner allowed (the request's `emergency`). */
    emergency: z.string().min(1).optional(),
  }),
  state: NO_STATE,
  output: z.union([
    z.strictObject({ override: z.string(), by: z.string() }),
    z.strictObject({ open: z.literal(true) }),
  ]),
}).handledBy(async (ctx, p) => {
  const environment = findEnvironment(ctx.platform, p.environment);
  if (p.emergency !== undefined) {
    await ctx.log(`emergency override by ${ctx.actor}: ${p.emergency} (window of ${environment.name} not enforced)`);
    return { outcome: "done", output: { override: p.emergency, by: ctx.actor } };
  }
  const state = windowState(environment.windows, ctx.clock.now());
  if (state.open) return { outcome: "done", output: { open: true } };
  const zone = environment.windows?.timezone ?? "UTC";
  const opens =
    state.nextOpenMs === undefined
      ? "no opening within a year"
      : `opens ${describeMoment(state.nextOpenMs, zone).local} (${describeMoment(state.nextOpenMs, zone).utc})`;
  return {
    outcome: "wait",
    reason: {
      kind: "window",
      environment: environment.name,
      message: `${environment.name} is ${state.reason}; ${opens}`,
      opensAtMs: state.nextOpenMs ?? null,
      timezone: zone,
    },
    wakeAtMs: state.nextOpenMs ?? null,
    state: null,
  };
});

/** The environment's approvals: waits for decisions, fails on a rejection or at the timeout. */
export const approvalStep = defineStep({
  kind: "approval",
  params: z.strictObject({ environment: environmentName }),
  /** When the approvals were first asked for: the timeout counts from then. */
  state: z.number(),
  output: z.union([
    z.strictObject({ required: z.literal(false) }),
    z.strictObject({ approvals: z.array(z.strictObject({ group: z.string(), actor: z.string() })) }),
  ]),
}).handledBy(async (ctx, params) => {
  const environment = findEnvironment(ctx.platform, params.environment);
  const gate = environment.approvals;
  if (!gate) return { outcome: "done", output: { required: false } };
  const now = ctx.clock.now();
  const requestedAt = ctx.state ?? now;
  const state = evaluateApprovals(gate, await listDecisions(ctx.db.kysely, ctx.runId, environment.name));
  if (state.status === "approved") {
    await ctx.log(
      `${environment.name} approved by ${state.approvals.map((a) => `${a.actor} (${a.group})`).join(", ")}`,
    );
    return { outcome: "done", output: { approvals: state.approvals } };
  }
  if (state.status === "rejected") {
    const why = state.by.comment ? `: ${state.by.comment}` : "";
    throw new StepFailure(`${environment.name} rejected by ${state.by.actor} (${state.by.group})${why}`);
  }
  const deadline = requestedAt + gate.timeoutMs;
  if (now >= deadline)
    throw new StepFailure(
      `approval for ${environment.name} timed out after ${Math.round(gate.timeoutMs / 60_000)} minutes, ${state.message}`,
    );
  return {
    outcome: "wait",
    reason: { kind: "approval", environment: environment.name, message: state.message, pending: state.waitingFor },
    wakeAtMs: deadline,
    state: requestedAt,
  };
});

/**
 * A promotion moves exactly what the source runs, tested: every service must run the tag there,
 * nothing rebuilt, nothing else slipped in, and that revision must have passed the source's
 * required tests. Checked when the run is submitted, and again here when it starts.
 */
export const sourceCheckStep = defineStep({
  kind: "source-check",
  params: z.strictObject({
    environment: environmentName,
    services: z.array(serviceName),
    tag: z.string(),
    /** Whether the source revisions must have passed the source's required tests (absent in runs planned before the check). */
    checkTests: z.boolean().optional(),
  }),
  state: NO_STATE,
  output: NO_OUTPUT,
}).handledBy(async (ctx, p) => {
  const source = findEnvironment(ctx.platform, p.environment);
  const services = p.services.map((s) => findService(ctx.platform, s).name);
  const facts = await sourceRevisions(ctx.db.kysely, source.name, p.tag);
  const checkTests = p.checkTests === true;
  const problems = sourceProblems(source, services, p.tag, facts, checkTests);
  if (problems.length > 0)
    throw new StepFailure(describeSourceProblems(source.name, p.tag, problems), { details: { problems } });
  const tested = checkTests && source.tests.some((t) => t.required) ? " and passed its tests" : "";
  await ctx.log(`${source.name} runs ${p.tag} for ${services.join(", ")}${tested}`);
  return { outcome: "done", output: null };
});
