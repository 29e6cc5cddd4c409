import { ConflictError, InputError, NotFoundError } from "../errors.js";
import type { Queryable } from "../store/database.js";
import { fromJson } from "../store/json.js";
import { findRun, findSteps } from "../store/runs/read.js";
import type { SavedPlan } from "./plan/planned.js";
import { infraOutput } from "./steps/infra-schemas.js";
import type { RunRequestView } from "./types.js";
import { isKind } from "../kind.js";

/**
 * The plan an earlier `infra plan` run saved, for `infra apply --plan RUN`: that run must be an infra
 * plan run that succeeded, and its plan a normal (not destroy) plan. Whether the state moved on
 * since is terraform's to say when it applies (a stale plan is refused).
 */
export async function readSavedPlan(db: Queryable, runId: string): Promise<SavedPlan> {
  const run = await findRun(db, runId);
  if (!run) throw new NotFoundError(`no run "${runId}" to take a saved plan from; list plans with \`quikship runs\``);
  const request = fromJson(run.request) as RunRequestView;
  if (!isKind(run, "infra") || request.params.action !== "plan")
    throw new InputError(
      `run ${runId} is not an infra plan run (\`quikship infra plan ENV\`): it saved no plan to apply`,
    );
  if (run.status !== "succeeded")
    throw new ConflictError(`run ${runId} is ${run.status}: only the plan of a succeeded plan run can be applied`);
  const step = (await findSteps(db, runId)).find((s) => isKind(s, "infra") && s.key === `${run.environment}/plan`);
  const parsed = step?.output ? infraOutput.safeParse(fromJson(step.output)) : undefined;
  const output = parsed?.success ? parsed.data : undefined;
  if (output?.operation !== "plan")
    throw new ConflictError(`run ${runId} has no saved plan of ${run.environment} to apply`);
  if (output.mode !== "normal")
    throw new InputError(`run ${runId} saved a destroy plan: destroy with \`quikship infra destroy\`, not apply`);
  return { run: runId, environment: run.environment, revision: output.revision, digest: output.planDigest };
}
