import type { Environment, Platform, Service } from "../../config/types.js";
import { ConflictError, ForbiddenError, InputError } from "../../errors.js";
import { findEnvironment } from "../../platform/lookup.js";
import type { Json, RunRequest, StageSpec, StepSpec } from "../types.js";
import { describeSourceProblems, sourceProblems } from "./source.js";
import type { SourceFacts } from "./source.js";
import { trainOrder } from "./order.js";
import { TAG } from "./tag.js";
import { trainSteps } from "./train.js";
import { withTests } from "./tests.js";
import type { PlannedRun } from "./plan.js";

/**
 * A promotion: check that the source runs exactly the tag, then for each target in ladder order:
 * approvals → window → the services as one release train (see trainSteps) → the environment's tests.
 * `request.environment` is the source; `params.to` the targets.
 */
export function planPromotion(
  platform: Platform,
  request: RunRequest,
  services: Service[],
  actor: string,
  sourceFacts?: SourceFacts,
): PlannedRun {
  const source = findEnvironment(platform, request.environment);
  const tag = request.params.tag;
  if (typeof tag !== "string" || !TAG.test(tag))
    throw new InputError(`params.tag must be an image tag, got ${JSON.stringify(tag ?? null)}`);
  if (services.length === 0) throw new InputError("a promotion needs at least one service");
  const toParam = request.params.to;
  const names = Array.isArray(toParam) ? toParam : typeof toParam === "string" ? toParam.split(",") : [];
  if (names.length === 0 || names.some((n) => typeof n !== "string"))
    throw new InputError("params.to must list the environments to promote to");
  const targets = [...new Set((names as string[]).map((n) => findEnvironment(platform, n.trim())))].sort(
    (a, b) => a.position - b.position,
  );
  for (const target of targets) {
    if (target.position <= source.position)
      throw new InputError(
        `cannot promote from ${source.name} to ${target.name}: ${target.name} is not above ${source.name} on the ladder (${platform.ladder.join(" → ")})`,
      );
  }
  const skipTests = request.params.skipTests === true;
  const refusing = skipTests ? targets.find((t) => !t.allowSkipTests) : undefined;
  if (refusing)
    throw new InputError(`--skip-tests is refused for ${refusing.name}: its tests must run (allowSkipTests: false)`);
  const skipSourceTests = request.params.skipSourceTests === true;
  const strict = skipSourceTests ? targets.find((t) => !t.allowSkipSourceTests) : undefined;
  if (strict)
    throw new InputError(
      `--skip-source-tests is refused for ${strict.name}: a promotion there needs ${source.name}'s tests passed (allowSkipSourceTests: false)`,
    );
  const emergency = request.params.emergency as { reason?: unknown } | undefined;
  if (emergency !== undefined) checkEmergency(platform, actor, emergency);

  const svc = trainOrder(platform, services).map((s) => s.name);
  if (sourceFacts) {
    const problems = sourceProblems(source, svc, tag, sourceFacts, !skipSourceTests);
    if (problems.length)
      throw new ConflictError(describeSourceProblems(source.name, tag, problems), {
        details: { source: source.name, tag, problems } as unknown as Json,
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
      ],
    },
    ...targets.flatMap((target) => targetStages(target, svc, tag, skipTests)),
  ];
  return {
    request: { ...request, services: svc, params: { ...request.params, to: targets.map((t) => t.name) } },
    plan: { stages },
  };
}

/** The gates of an environment, in the order they are passed: its approvals, then its window. */
export function gateSteps(env: Environment, prefix = `${env.name}/`): StepSpec[] {
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
      params: { environment: env.name },
    });
  return steps;
}

/** One target of a promotion: its gates, the release train (services in train order), its tests; the train moves back when a step fails. */
function targetStages(env: Environment, services: string[], tag: string, skipTests: boolean): StageSpec[] {
  const e = env.name;
  const train = trainSteps(e, services, tag, `${e}/`);
  const stage = {
    key: e,
    title: `promote to ${e}`,
    environment: e,
    steps: [...gateSteps(env), ...train.steps],
    released: train.released,
    onFailure: train.onFailure,
  };
  return withTests(stage, env, services, `${e}/`, skipTests);
}

export function checkEmergency(platform: Platform, actor: string, emergency: { reason?: unknown }): void {
  if (typeof emergency.reason !== "string" || emergency.reason.trim() === "")
    throw new InputError('an emergency override needs a reason: --emergency --reason "..."');
  const allowed = Object.values(platform.groups).filter((g) => g.emergencyOverride);
  if (!allowed.some((g) => g.members.includes(actor))) {
    throw new ForbiddenError(
      `${actor || "this user"} may not override deployment windows; only members of ${allowed.map((g) => g.name).join(", ") || "(no group)"} may`,
    );
  }
}
