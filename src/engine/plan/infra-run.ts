import type { Platform } from "../../config/types.js";
import { InputError, InternalError } from "../../errors.js";
import type { RunRequestOf } from "../request.js";
import {
  planInfraApply,
  planInfraDestroy,
  planInfraDrift,
  planInfraPlan,
  planInfraPromotion,
  planInfraSavedApply,
} from "./infra.js";
import type { PlanFacts, PlannedRun } from "./planned.js";

/**
 * An `infra` run request as stages (plan/infra.ts), at the module revision read before planning.
 * `asked` is the environment as the person wrote it (an alias stays an alias): destroy's `confirm`
 * must repeat it. The planner's notes (rungs skipped) are planned again by explain, which is pure too.
 */
export function planInfraRun(
  platform: Platform,
  request: RunRequestOf<"infra">,
  asked: string,
  facts: Pick<PlanFacts, "moduleRevision" | "savedPlan">,
): PlannedRun {
  const revision = facts.moduleRevision;
  if (revision === undefined) throw new InternalError("an infra run was planned without its module revision");
  const { action, stop, confirm, emergency, plan } = request.params;
  if (plan !== undefined) {
    if (action !== "apply") throw new InputError(`params.plan is for infra apply, not ${action}`);
    if (!facts.savedPlan) throw new InternalError(`the saved plan of run ${plan} was not read before planning`);
    return { request, plan: { stages: planInfraSavedApply(platform, request.environment, facts.savedPlan).stages } };
  }
  if (stop !== undefined && action !== "promote")
    throw new InputError(`params.stop is for infra promote, not ${action}`);
  if (confirm !== undefined && action !== "destroy")
    throw new InputError(`params.confirm is for infra destroy, not ${action}`);
  if (emergency !== undefined && action !== "destroy")
    throw new InputError(
      `params.emergency is for infra destroy (the reason a prod-tier environment is destroyed), not ${action}`,
    );
  const env = request.environment;
  const planned =
    action === "plan"
      ? planInfraPlan(platform, env, revision)
      : action === "apply"
        ? planInfraApply(platform, env, revision)
        : action === "drift"
          ? planInfraDrift(platform, env, revision)
          : action === "promote"
            ? planInfraPromotion(platform, env, stop ?? env, revision)
            : planInfraDestroy(platform, {
                environment: asked,
                confirm: confirm ?? "",
                revision,
                ...(emergency ? { emergencyReason: emergency.reason } : {}),
              });
  return { request, plan: { stages: planned.stages } };
}
