import type { Environment, Platform, Service } from "../../config/types.js";
import { ConflictError, InputError } from "../../errors.js";
import { findEnvironment } from "../../platform/lookup.js";
import type { RunRequestOf } from "../request.js";
import type { StageSpec, StepSpec } from "../types.js";
import { checkEmergency } from "./emergency.js";
import { describeSourceProblems, sourceProblems } from "./source.js";
import type { SourceFacts } from "./source.js";
import { trainOrder } from "./order.js";
import { PIN_STEP, pinImagesStep, securitySteps, trainSteps } from "./train.js";
import type { RolloutStrategy } from "./train.js";
import type { PlannedRun } from "./planned.js";
import { withTests } from "./tests.js";

/**
 * A promotion: check that the source runs exactly the tag with its required tests passed, then for
 * each target in ladder order: approvals → window → the services as one release train (see
 * trainSteps) → the environment's tests. `request.environment` is the source; `params.to` the
 * targets. With `sourceFacts` (read at submission) a source that does not qualify the tag is
 * refused at once; the source-check step checks again when the run starts.
 */
export function planPromotion(
  platform: Platform,
  request: RunRequestOf<"promote">,
  services: Service[],
  actor: string,
  sourceFacts?: SourceFacts,
): PlannedRun {
  const source = findEnvironment(platform, request.environment);
  const { tag, to, skipTests = false, skipSourceTests = false, emergency, canary } = request.params;
  if (services.length === 0) throw new InputError("a promotion needs at least one service");
  const targets = [...new Set(to.map((n) => findEnvironment(platform, n)))].sort((a, b) => a.position - b.position);
  for (const target of targets) {
    if (target.position <= source.position)
      throw new InputError(
        `cannot promote from ${source.name} to ${target.name}: ${target.name} is not above ${source.name} on the ladder (${platform.ladder.join(" → ")})`,
      );
  }
  const refusing = skipTests ? targets.find((t) => !t.allowSkipTests) : undefined;
  if (refusing)
    throw new InputError(`--skip-tests is refused for ${refusing.name}: its tests must run (allowSkipTests: false)`);
  const strict = skipSourceTests ? targets.find((t) => !t.allowSkipSourceTests) : undefined;
  if (strict)
    throw new InputError(
      `--skip-source-tests is refused for ${strict.name}: a promotion there needs ${source.name}'s tests passed (allowSkipSourceTests: false)`,
    );
  if (emergency !== undefined) checkEmergency(platform, actor);
  const strategy: RolloutStrategy | undefined = canary === true ? "canary" : undefined;

  const svc = trainOrder(platform, services).map((s) => s.name);
  if (sourceFacts) {
    const problems = sourceProblems(source, svc, tag, sourceFacts, !skipSourceTests);
    if (problems.length)
      throw new ConflictError(describeSourceProblems(source.name, tag, problems), {
        details: { source: source.name, tag, problems },
      });
  }
  const stages: StageSpec[] = [
    {
      key: "source",
      title: `check ${source.name} runs ${tag}${skipSourceTests ? "" : " with its tests passed"}`,
      environment: source.name,
      steps: [
        {
          key: "source-check",
          kind: "source-check",
          title: `${source.name} runs ${tag}`,
          params: { environment: source.name, services: svc, tag, checkTests: !skipSourceTests },
        },
        pinImagesStep(
          targets.map((t) => t.name),
          svc,
          tag,
          { source: source.name },
        ),
      ],
    },
    ...targets.flatMap((target) =>
      targetStages(target, svc, tag, { skipTests, strategy, emergency: emergency?.reason }),
    ),
  ];
  return {
    request: { ...request, services: svc, params: { ...request.params, to: targets.map((t) => t.name) } },
    plan: { stages },
  };
}

/** The gates of an environment, in the order they are passed: its approvals, then its window. */
export function gateSteps(env: Environment, prefix = `${env.name}/`, emergency?: string): StepSpec[] {
  const steps: StepSpec[] = [];
  if (env.approvals)
    steps.push({
      key: `${prefix}approval`,
      kind: "approval",
      title: `approval for ${env.name}: ${env.approvals.groups.join(", ")}`,
      params: { environment: env.name },
    });
  if (env.windows)
    steps.push({
      key: `${prefix}window`,
      kind: "window",
      title: `deployment window of ${env.name}`,
      params: { environment: env.name, ...(emergency === undefined ? {} : { emergency }) },
    });
  return steps;
}

/** One target of a promotion: its gates, the release train (services in train order), its tests; the train moves back when a step fails. */
function targetStages(
  env: Environment,
  services: string[],
  tag: string,
  options: { skipTests: boolean; strategy: RolloutStrategy | undefined; emergency: string | undefined },
): StageSpec[] {
  const e = env.name;
  const train = trainSteps(e, services, tag, `${e}/`, options.strategy, PIN_STEP);
  const stage = {
    key: e,
    title: `promote to ${e}`,
    environment: e,
    steps: [...securitySteps(env, services, `${e}/`), ...gateSteps(env, `${e}/`, options.emergency), ...train.steps],
    released: train.released,
    onFailure: train.onFailure,
  };
  return withTests(stage, env, services, `${e}/`, options.skipTests);
}
