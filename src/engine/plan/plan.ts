import type { Platform } from "../../config/types.js";
import { gateSteps, planPromotion } from "./promote.js";
import { checkEmergency } from "./emergency.js";
import { InputError } from "../../errors.js";
import { unknownNameHint } from "../../config/suggest.js";
import { findEnvironment, findServices } from "../../platform/lookup.js";
import { trainOrder } from "./order.js";
import { planInfraRun } from "./infra-run.js";
import { planReleaseRollback } from "./release-rollback.js";
import { planRegistryPrune } from "./registry-prune.js";
import { PIN_STEP, pinImagesStep, securitySteps, trainSteps } from "./train.js";
import { testSteps, withTests } from "./tests.js";
import { parseRunRequest } from "../request.js";
import type { RunRequest, RunRequestInput, RunRequestOf } from "../request.js";
import type { Environment } from "../../config/types.js";
import type { PlanFacts, PlannedRun } from "./planned.js";
import type { StageSpec, StepSpec } from "../types.js";

export { TAG } from "./tag.js";
export type { PlanFacts, PlannedRun } from "./planned.js";

/**
 * Turns a request into stages and steps. Pure: the same platform and request give the same
 * plan; a request that fails its kind's schema, unknown names and bad parameters are
 * InputError/NotFoundError before anything exists.
 */
export function planRun(platform: Platform, input: RunRequestInput, actor = "", facts: PlanFacts = {}): PlannedRun {
  const request = parseRunRequest(input);
  const environment = findEnvironment(platform, request.environment);
  const services = request.services.length === 0 ? [] : findServices(platform, request.services.join(","));
  const canonical: RunRequest = { ...request, environment: environment.name, services: services.map((s) => s.name) };
  switch (canonical.kind) {
    case "noop":
      return planNoop(canonical, services);
    case "script":
      return planScript(canonical, environment);
    case "deploy": {
      const { tag, emergency, canary, skipTests = false, digest } = canonical.params;
      if (emergency !== undefined) checkEmergency(platform, actor);
      if (services.length === 0) throw new InputError("a deploy needs at least one service");
      if (skipTests && !environment.allowSkipTests)
        throw new InputError(
          `--skip-tests is refused for ${environment.name}: its tests must run (allowSkipTests: false)`,
        );
      const train = trainOrder(platform, services).map((s) => s.name);
      const strategy = canary === true ? "canary" : undefined;
      const { steps, released, onFailure } = trainSteps(environment.name, train, tag, "", strategy, PIN_STEP);
      // CI's digest names one service's image: a deploy of several services resolves each tag.
      const digests = digest !== undefined && train.length === 1 ? { [train[0]!]: digest } : undefined;
      const pin = pinImagesStep([environment.name], train, tag, digests ? { digests } : {});
      const stage = {
        key: "deploy",
        title: `deploy in ${environment.name}`,
        environment: environment.name,
        steps: [
          pin,
          ...securitySteps(environment, train, ""),
          ...gateSteps(environment, "", emergency?.reason),
          ...steps,
        ],
        released,
        onFailure,
      };
      const stages = withTests(stage, environment, train, "", skipTests);
      return { request: { ...canonical, services: train }, plan: { stages } };
    }
    case "rollback": {
      if (canonical.params.release !== undefined) return planReleaseRollback(canonical, facts.release ?? null);
      const revision = canonical.params.revision ?? 0;
      return perService(canonical, environment.name, services, "rollback", (s): StepSpec[] => [
        {
          key: `revision/${s}`,
          kind: "revision",
          title: `choose ${revision ? `revision ${revision}` : "the previous revision"} of ${s}`,
          params: { environment: environment.name, service: s, cause: "rollback", revision },
        },
        {
          key: `rollout/${s}`,
          kind: "rollout",
          title: `roll ${s} back`,
          params: { environment: environment.name, service: s, revisionStep: `revision/${s}`, strategy: "rolling" },
        },
      ]);
    }
    case "restart":
      return perService(canonical, environment.name, services, "restart", (s) => [
        {
          key: `restart/${s}`,
          kind: "restart",
          title: `restart ${s}`,
          params: { environment: environment.name, service: s },
        },
      ]);
    case "scale": {
      const { replicas } = canonical.params;
      return perService(canonical, environment.name, services, "scale", (s) => [
        {
          key: `scale/${s}`,
          kind: "scale",
          title: `scale ${s} to ${replicas}`,
          params: { environment: environment.name, service: s, replicas },
        },
      ]);
    }
    case "promote":
      return planPromotion(platform, canonical, services, actor, facts.source);
    case "expire-standby": {
      if (services.length !== 1) throw new InputError("an expire-standby run names exactly one service");
      const { revision } = canonical.params;
      return perService(canonical, environment.name, services, "expire-standby", (s) => [
        {
          key: `expire-standby/${s}`,
          kind: "expire-standby",
          title: `stop standby revision ${revision} of ${s}`,
          params: { environment: environment.name, service: s, revision },
        },
      ]);
    }
    case "registry-prune":
      return planRegistryPrune(platform, canonical, services, environment.name);
    case "infra":
      if (services.length > 0) throw new InputError("an infra run takes no services");
      return planInfraRun(platform, canonical, request.environment, facts);
  }
}

function lockStepsOf(environment: string, services: { name: string }[]): StepSpec[] {
  return services.map((s) => ({
    key: `lock/${s.name}`,
    kind: "lock",
    title: `lock ${s.name} in ${environment}`,
    params: { environment, service: s.name },
  }));
}

function planNoop(request: RunRequestOf<"noop">, services: { name: string }[]): PlannedRun {
  const count = request.params.steps ?? 1;
  const waitMs = request.params.waitMs ?? 0;
  const timer: StepSpec[] =
    waitMs > 0
      ? [
          {
            key: "timer",
            kind: "timer",
            title: `wait ${waitMs} ms`,
            params: { durationMs: waitMs, message: `waiting ${waitMs} ms` },
          },
        ]
      : [];
  const noops = Array.from({ length: count }, (_, i): StepSpec => ({
    key: `noop/${i + 1}`,
    kind: "noop",
    title: `no-op ${i + 1}`,
    params: null,
  }));
  const stage: StageSpec = {
    key: "noop",
    title: "no-op",
    environment: request.environment,
    steps: [...lockStepsOf(request.environment, services), ...timer, ...noops],
  };
  return { request, plan: { stages: [stage] } };
}

/** A test run on its own: its results collected, kept with no revision, and failing the run even when not required. */
function planScript(request: RunRequestOf<"script">, environment: Environment): PlannedRun {
  const name = request.params.test;
  const test = environment.tests.find((t) => t.name === name);
  if (!test) {
    const known = environment.tests.map((t) => t.name);
    throw new InputError(
      `params.test must name a test of ${environment.name}: "${name}"${unknownNameHint(name, known)}`,
    );
  }
  const steps = testSteps({ ...environment, tests: [{ ...test, required: true }] }, request.services, "", false);
  return {
    request,
    plan: {
      stages: [{ key: "tests", title: `tests in ${environment.name}`, environment: environment.name, steps }],
    },
  };
}

/** One stage; per service, its lock and then its steps. */
function perService(
  request: RunRequest,
  environment: string,
  services: { name: string }[],
  verb: string,
  steps: (service: string) => StepSpec[],
): PlannedRun {
  if (services.length === 0) throw new InputError(`a ${verb} needs at least one service`);
  const all = services.flatMap((s): StepSpec[] => [
    {
      key: `lock/${s.name}`,
      kind: "lock",
      title: `lock ${s.name} in ${environment}`,
      params: { environment, service: s.name },
    },
    ...steps(s.name),
  ]);
  return { request, plan: { stages: [{ key: verb, title: `${verb} in ${environment}`, environment, steps: all }] } };
}
