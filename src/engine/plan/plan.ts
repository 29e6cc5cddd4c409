import type { Platform } from "../../config/types.js";
import { checkCanary, checkEmergency, gateSteps, planPromotion } from "./promote.js";
export { TAG } from "./tag.js";
import { InputError } from "../../errors.js";
import { unknownNameHint } from "../../config/suggest.js";
import { findEnvironment, findServices } from "../../platform/lookup.js";
import { trainOrder } from "./order.js";
import { planReleaseRollback } from "./release-rollback.js";
import { TAG } from "./tag.js";
import { trainSteps } from "./train.js";
import type { Release } from "../release.js";
import type { RunPlan, RunRequest, StageSpec, StepSpec } from "../types.js";

/** What a plan needs from the store, read before planning so that planning stays pure. */
export interface PlanFacts {
  /** The release a rollback names (`params.release`); absent when there is none by that id. */
  release?: Release;
}

export interface PlannedRun {
  /** The request with names made canonical: aliases resolved, "all" expanded. */
  request: RunRequest;
  plan: RunPlan;
}

/**
 * Turns a request into stages and steps. Pure: the same platform and request give the same
 * plan; unknown names and bad parameters are InputError/NotFoundError before anything exists.
 */
export function planRun(platform: Platform, request: RunRequest, actor = "", facts: PlanFacts = {}): PlannedRun {
  const environment = findEnvironment(platform, request.environment);
  const services = request.services.length === 0 ? [] : findServices(platform, request.services.join(","));
  const canonical: RunRequest = { ...request, environment: environment.name, services: services.map((s) => s.name) };
  const lockSteps = services.map((s) => ({
    key: `lock/${s.name}`,
    kind: "lock",
    title: `lock ${s.name} in ${environment.name}`,
    params: { environment: environment.name, service: s.name },
  }));

  switch (request.kind) {
    case "noop": {
      const count = Number(request.params.steps ?? 1);
      if (!Number.isInteger(count) || count < 1 || count > 1000)
        throw new InputError("params.steps must be a whole number from 1 to 1000");
      const waitMs = Number(request.params.waitMs ?? 0);
      if (!Number.isInteger(waitMs) || waitMs < 0)
        throw new InputError("params.waitMs must be a whole number of milliseconds");
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
        environment: environment.name,
        steps: [...lockSteps, ...timer, ...noops],
      };
      return { request: canonical, plan: { stages: [stage] } };
    }
    case "script": {
      const name = request.params.test;
      const test = environment.tests.find((t) => t.name === name);
      if (typeof name !== "string" || !test) {
        const known = environment.tests.map((t) => t.name);
        const asked = typeof name === "string" ? name : JSON.stringify(name ?? null);
        throw new InputError(
          `params.test must name a test of ${environment.name}: "${asked}"${unknownNameHint(asked, known)}`,
        );
      }
      const steps = [
        {
          key: `script/${test.name}`,
          kind: "script",
          title: `${test.kind} test ${test.name}`,
          params: {
            name: test.name,
            command: test.command,
            cwd: test.cwd,
            environment: environment.name,
            timeoutMs: test.timeoutMs,
          },
        },
      ];
      return {
        request: canonical,
        plan: {
          stages: [{ key: "tests", title: `tests in ${environment.name}`, environment: environment.name, steps }],
        },
      };
    }
    case "deploy": {
      const tag = request.params.tag;
      if (typeof tag !== "string" || !TAG.test(tag))
        throw new InputError(
          `params.tag must be an image tag (letters, digits, '.', '_', '-'; at most 128), got ${JSON.stringify(tag ?? null)}`,
        );
      if (request.params.emergency !== undefined)
        checkEmergency(platform, actor, request.params.emergency as { reason?: unknown });
      checkCanary(request.params.canary);
      if (services.length === 0) throw new InputError("a deploy needs at least one service");
      const train = trainOrder(platform, services).map((s) => s.name);
      const { steps, released, onFailure } = trainSteps(environment.name, train, tag, "");
      const stage: StageSpec = {
        key: "deploy",
        title: `deploy in ${environment.name}`,
        environment: environment.name,
        steps: [...gateSteps(environment, ""), ...steps, released],
        onFailure,
      };
      return { request: { ...canonical, services: train }, plan: { stages: [stage] } };
    }
    case "rollback": {
      if (request.params.release !== undefined) return planReleaseRollback(canonical, facts.release ?? null);
      const revision = Number(request.params.revision ?? 0);
      if (!Number.isInteger(revision) || revision < 0)
        throw new InputError(
          `params.revision must be a revision number, or 0 for the previous one; got ${JSON.stringify(request.params.revision)}`,
        );
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
          params: { environment: environment.name, service: s, revisionStep: `revision/${s}` },
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
      const replicas = Number(request.params.replicas);
      if (!Number.isInteger(replicas) || replicas < 0 || replicas > 100)
        throw new InputError(
          `params.replicas must be a whole number from 0 to 100, got ${JSON.stringify(request.params.replicas ?? null)}`,
        );
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
      return planPromotion(platform, canonical, services, actor);
    default:
      throw new InputError(
        `run kind "${String(request.kind)}" is not available; available: deploy, promote, rollback, restart, scale, script, noop`,
      );
  }
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
