import * as z from "zod";
import { evaluateApprovals } from "../../gates/approvals.js";
import { findEnvironment } from "../../platform/lookup.js";
import { listDecisions } from "../../store/approvals/decisions.js";
import { infraGate } from "../infra-gate.js";
import { defineStep } from "./contract.js";
import { StepFailure } from "./handler.js";
import { infraApprovalParams, infraOutput } from "./infra-schemas.js";

/**
 * An infra run's approval of one environment: the terraform entry's approvals (destroy approvals for
 * a destroy), decided with `quikship approve` like any approval. Approvers see the saved plan's summary.
 */
export const infraApprovalStep = defineStep({
  kind: "infra-approval",
  params: infraApprovalParams,
  /** When the approval was first asked for: the timeout counts from then. */
  state: z.number(),
  output: z.strictObject({ approvals: z.array(z.strictObject({ group: z.string(), actor: z.string() })) }),
}).handledBy(async (ctx, p) => {
  const environment = findEnvironment(ctx.platform, p.environment).name;
  const gate = infraGate(ctx.platform, environment, p.purpose);
  const now = ctx.clock.now();
  const requestedAt = ctx.state ?? now;
  const state = evaluateApprovals(gate, await listDecisions(ctx.db.kysely, ctx.runId, environment));
  const what = p.purpose === "destroy" ? "destroy" : "apply";
  if (state.status === "approved") {
    await ctx.log(
      `${what} of ${environment} approved by ${state.approvals.map((a) => `${a.actor} (${a.group})`).join(", ")}`,
    );
    return { outcome: "done", output: { approvals: state.approvals } };
  }
  if (state.status === "rejected") {
    const why = state.by.comment ? `: ${state.by.comment}` : "";
    throw new StepFailure(`${what} of ${environment} rejected by ${state.by.actor} (${state.by.group})${why}`);
  }
  if (ctx.state === null) {
    const plan = ctx.outputOf({ kind: "infra", output: infraOutput }, p.planStep);
    if (plan?.operation === "plan") {
      const s = plan.summary;
      await ctx.log(
        `${what} of ${environment} waits for ${gate.groups.join(", ")}: the plan adds ${s.add}, changes ${s.change}, destroys ${s.destroy}`,
      );
    }
  }
  const deadline = requestedAt + gate.timeoutMs;
  if (now >= deadline)
    throw new StepFailure(
      `approval to ${what} ${environment} timed out after ${Math.round(gate.timeoutMs / 60_000)} minutes, ${state.message}`,
    );
  return {
    outcome: "wait",
    reason: { kind: "approval", environment, message: `${what}: ${state.message}`, pending: state.waitingFor },
    wakeAtMs: deadline,
    state: requestedAt,
  };
});
