import type { Environment } from "../../config/types.js";
import type { StageSpec, StepSpec } from "../types.js";
import type { TestParams } from "../steps/test.js";

/**
 * The environment's tests after a train's rollouts, each kept with the revisions `services` recorded
 * (`kept`: false for a test run on its own, kept with no revision); the services are the tests' SERVICES.
 */
export function testSteps(env: Environment, services: readonly string[], prefix: string, kept = true): StepSpec[] {
  return env.tests.map((test) => {
    const params: TestParams = {
      name: test.name,
      kind: test.kind,
      command: test.command,
      cwd: test.cwd,
      environment: env.name,
      services: [...services],
      timeoutMs: test.timeoutMs,
      required: test.required,
      revisionSteps: kept ? services.map((s) => `${prefix}revision/${s}`) : [],
    };
    return {
      key: `${prefix}test/${test.name}`,
      kind: "test",
      title: `${test.kind} test ${test.name} in ${env.name}${test.required ? "" : " (not required)"}`,
      params,
    };
  });
}

/**
 * A train's stage with the environment's tests. With `onTestFailure: rollback` they run before the
 * release is marked released, so a failed required test moves the train back like a failed
 * rollout; with `keep` they are a stage of their own after it, so the release stays and the run
 * fails.
 */
export function withTests(
  stage: StageSpec & { released: StepSpec },
  env: Environment,
  services: readonly string[],
  prefix: string,
  skip: boolean,
): StageSpec[] {
  const { released, ...rest } = stage;
  const tests = skip ? [] : testSteps(env, services, prefix);
  if (env.onTestFailure === "rollback" || tests.length === 0)
    return [{ ...rest, steps: [...rest.steps, ...tests, released] }];
  return [
    { ...rest, steps: [...rest.steps, released] },
    { key: `${stage.key}/tests`, title: `tests in ${env.name}`, environment: env.name, steps: tests },
  ];
}
