import { evaluateApprovals } from "../../gates/approvals.js";
import { describeMoment, windowState } from "../../gates/windows.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { listDecisions } from "../../store/approvals/decisions.js";
import { sourceRevisions } from "../../store/revisions/read.js";
import { describeSourceProblems, sourceProblems } from "../plan/source.js";
import type { Json } from "../types.js";
import { StepFailure } from "./handler.js";
import type { StepHandler, StepResult } from "./handler.js";

interface GateParams {
  environment: string;
}

/** The environment's deployment window: waits (a persisted timer) until it opens, unless an allowed emergency override was given. */
export const windowStep: StepHandler = {
  kind: "window",
  run: async (ctx, params): Promise<StepResult> => {
    const environment = findEnvironment(ctx.platform, (params as unknown as GateParams).environment);
    const emergency = ctx.request.params.emergency as { reason?: string } | undefined;
    if (emergency?.reason) {
      await ctx.log(
        `emergency override by ${ctx.actor}: ${emergency.reason} (window of ${environment.name} not enforced)`,
      );
      return { outcome: "done", output: { override: emergency.reason, by: ctx.actor } };
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
    };
  },
};

/** The environment's approvals: waits for decisions, fails on a rejection or at the timeout. */
export const approvalStep: StepHandler = {
  kind: "approval",
  run: async (ctx, params) => {
    const environment = findEnvironment(ctx.platform, (params as unknown as GateParams).environment);
    const gate = environment.approvals;
    if (!gate) return { outcome: "done", output: { required: false } };
    const now = ctx.clock.now();
    const requestedAt = typeof ctx.state === "number" ? ctx.state : now;
    const state = evaluateApprovals(gate, await listDecisions(ctx.db.kysely, ctx.runId, environment.name));
    if (state.status === "approved") {
      await ctx.log(
        `${environment.name} approved by ${state.approvals.map((a) => `${a.actor} (${a.group})`).join(", ")}`,
      );
      return { outcome: "done", output: { approvals: state.approvals } as unknown as Json };
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
    const stateJson: Json = requestedAt;
    return {
      outcome: "wait",
      reason: { kind: "approval", environment: environment.name, message: state.message, pending: state.waitingFor },
      wakeAtMs: deadline,
      state: stateJson,
    };
  },
};

interface SourceParams {
  environment: string;
  services: string[];
  tag: string;
  /** Whether the source revisions must have passed the source's required tests (absent in runs planned before the check). */
  checkTests?: boolean;
}

/**
 * A promotion moves exactly what the source runs, tested: every service must run the tag there,
 * nothing rebuilt, nothing else slipped in, and that revision must have passed the source's
 * required tests. Checked when the run is submitted, and again here when it starts.
 */
export const sourceCheckStep: StepHandler = {
  kind: "source-check",
  run: async (ctx, params) => {
    const p = params as unknown as SourceParams;
    const source = findEnvironment(ctx.platform, p.environment);
    const services = p.services.map((s) => findService(ctx.platform, s).name);
    const facts = await sourceRevisions(ctx.db.kysely, source.name, p.tag);
    const problems = sourceProblems(source, services, p.tag, facts, p.checkTests === true);
    if (problems.length > 0)
      throw new StepFailure(describeSourceProblems(source.name, p.tag, problems), {
        details: { problems } as unknown as Json,
      });
    const tested = p.checkTests === true && source.tests.some((t) => t.required) ? " and passed its tests" : "";
    await ctx.log(`${source.name} runs ${p.tag} for ${services.join(", ")}${tested}`);
    return { outcome: "done" };
  },
};
