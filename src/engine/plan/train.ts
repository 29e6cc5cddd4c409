import type { StageSpec, StepSpec } from "../types.js";

/** What a rollout may be told: `canary` (deploy/promote --canary), `rolling` (repairs, rollbacks). */
export type RolloutStrategy = "canary" | "rolling";

export interface TrainSteps {
  /** Every lock, every revision, the release record, then the rollouts in train order. */
  steps: StepSpec[];
  /** Marks the release released; the last step of the stage (after the environment's tests). */
  released: StepSpec;
  /** The stage's compensation: the services moved back in reverse order, then the release marked failed. */
  onFailure: NonNullable<StageSpec["onFailure"]>;
}

/**
 * A release train into one environment: `services` (already in train order) move to `tag` as one
 * release. All the locks come first (by name, see lockSteps), so the train starts moving only once
 * it holds every service; the revisions are recorded before the first rollout, so the release
 * names them all. When a step of the stage fails, every service the train already moved there
 * goes back to the revision it had before the run. `prefix` keeps the keys of several
 * environments of one run apart; `pinStep` is the run's pin-images step, whose digests the
 * revisions record.
 */
export function trainSteps(
  environment: string,
  services: readonly string[],
  tag: string,
  prefix: string,
  strategy?: RolloutStrategy,
  pinStep?: string,
): TrainSteps {
  const e = environment;
  const key = (name: string): string => `${prefix}${name}`;
  const releaseStep = key("release");
  const steps: StepSpec[] = [
    ...lockSteps(e, services, prefix),
    ...services.map((s) => ({
      key: key(`revision/${s}`),
      kind: "revision",
      title: `record revision ${s}:${tag} in ${e}`,
      params: { environment: e, service: s, cause: "deploy", tag, ...(pinStep === undefined ? {} : { pinStep }) },
    })),
    {
      key: releaseStep,
      kind: "release",
      title: `record the release of ${tag} in ${e}`,
      params: { environment: e, items: services.map((s) => ({ service: s, revisionStep: key(`revision/${s}`) })) },
    },
    ...services.map((s) => ({
      key: key(`rollout/${s}`),
      kind: "rollout",
      title: `roll out ${s}:${tag} in ${e}`,
      params: {
        environment: e,
        service: s,
        revisionStep: key(`revision/${s}`),
        ...(strategy === undefined ? {} : { strategy }),
      },
    })),
  ];
  const undo = [...services].reverse().map((s) => ({
    key: key(`undo/${s}`),
    kind: "train-rollback",
    title: `move ${s} back in ${e} if the train moved it`,
    params: {
      environment: e,
      service: s,
      revisionStep: key(`revision/${s}`),
      rolloutStep: key(`rollout/${s}`),
      releaseStep,
    },
  }));
  return {
    steps,
    released: {
      key: key("released"),
      kind: "release-status",
      title: `release of ${tag} in ${e} done`,
      params: { releaseStep, status: "released" },
    },
    onFailure: [
      ...undo,
      {
        key: key("release-failed"),
        kind: "release-status",
        title: `mark the release in ${e} failed`,
        params: { releaseStep, status: "failed" },
      },
    ],
  };
}

/**
 * The locks of several services, taken in the order of their names whatever the train order: two
 * runs wanting the same services never hold one each while waiting for the other's.
 */
export function lockSteps(environment: string, services: readonly string[], prefix: string): StepSpec[] {
  return [...services].sort().map((s) => ({
    key: `${prefix}lock/${s}`,
    kind: "lock",
    title: `lock ${s} in ${environment}`,
    params: { environment, service: s },
  }));
}

export const PIN_STEP = "pin-images";

/** The step that pins every service's image to a digest before any gate (see steps/pin.ts). */
export function pinImagesStep(
  environments: readonly string[],
  services: readonly string[],
  tag: string,
  options: { source?: string; digests?: Record<string, string> } = {},
): StepSpec {
  return {
    key: PIN_STEP,
    kind: "pin-images",
    title: `pin ${services.join(", ")}:${tag} to ${options.source ? `${options.source}'s digests` : "digests"}`,
    params: {
      environments: [...environments],
      services: [...services],
      tag,
      ...(options.source === undefined ? {} : { source: options.source }),
      ...(options.digests === undefined ? {} : { digests: options.digests }),
    },
  };
}

/**
 * The security gate of an environment with a `security` policy: the pinned digests against their
 * scan reports, before the environment's approvals (nobody is asked to approve what it refuses).
 */
export function securitySteps(
  environment: { name: string; security: unknown },
  services: readonly string[],
  prefix: string,
): StepSpec[] {
  if (!environment.security) return [];
  return [
    {
      key: `${prefix}security`,
      kind: "security",
      title: `security gate of ${environment.name}`,
      params: { environment: environment.name, services: [...services], pinStep: PIN_STEP },
    },
  ];
}
