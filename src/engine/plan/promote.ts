import type { Environment, Platform, Service } from "../../config/types.js";
import { ForbiddenError, InputError } from "../../errors.js";
import { findEnvironment } from "../../platform/lookup.js";
import type { RunRequest, StageSpec, StepSpec } from "../types.js";
import { trainOrder } from "./order.js";
import { TAG } from "./tag.js";
import { trainSteps } from "./train.js";
import type { PlannedRun } from "./plan.js";

/**
 * A promotion: check that the source runs exactly the tag, then for each target in ladder order:
 * approvals → window → the services as one release train (see trainSteps) → the environment's tests.
 * `request.environment` is the source; `params.to` the targets.
 */
export function planPromotion(platform: Platform, request: RunRequest, services: Service[], actor: string): PlannedRun {
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
  const emergency = request.params.emergency as { reason?: unknown } | undefined;
  if (emergency !== undefined) checkEmergency(platform, actor, emergency);
  checkCanary(request.params.canary);

  const svc = trainOrder(platform, services).map((s) => s.name);
  const stages: StageSpec[] = [
    {
      key: "source",
      title: `check ${source.name} runs ${tag}`,
      environment: source.name,
      steps: [
        {
          key: "source-check",
          kind: "source-check",
          title: `${source.name} runs ${tag}`,
          params: { environment: source.name, services: svc, tag },
        },
      ],
    },
    ...targets.map((target) => targetStage(target, svc, tag, skipTests)),
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
function targetStage(env: Environment, services: string[], tag: string, skipTests: boolean): StageSpec {
  const e = env.name;
  const train = trainSteps(e, services, tag, `${e}/`);
  const steps: StepSpec[] = [...gateSteps(env), ...train.steps];
  if (!skipTests) {
    for (const test of env.tests) {
      steps.push({
        key: `${e}/test/${test.name}`,
        kind: "script",
        title: `${test.kind} test ${test.name} in ${e}`,
        params: { name: test.name, command: test.command, cwd: test.cwd, environment: e, timeoutMs: test.timeoutMs },
      });
    }
  }
  return {
    key: e,
    title: `promote to ${e}`,
    environment: e,
    steps: [...steps, train.released],
    onFailure: train.onFailure,
  };
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

/** `canary: true` forces a canary rollout (deploy and promote `--canary`); anything but a boolean is refused. */
export function checkCanary(canary: unknown): void {
  if (canary !== undefined && typeof canary !== "boolean")
    throw new InputError(`params.canary must be true or false, got ${JSON.stringify(canary)}`);
}
