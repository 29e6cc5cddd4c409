import type { Environment } from "../config/types.js";
import { UnavailableError } from "../errors.js";
import { CountingTarget } from "./counting.js";
import type {
  EnvironmentPeek,
  LogLine,
  PreviewCheck,
  RevisionTraffic,
  ServiceStatus,
  Target,
  Targets,
} from "./target.js";

/** A target kind this build does not provide yet: every call fails with a clear message. */
class MissingTarget implements Target {
  readonly capabilities = { hasDataPlaneGuard: false, keepsLogs: false, countsTraffic: false };

  constructor(readonly kind: string) {}

  #missing<T>(): Promise<T> {
    return Promise.reject(
      new UnavailableError(
        `the ${this.kind} target is not available in this version of quikship; run the server with --local to rehearse on this machine`,
        { retryable: false },
      ),
    );
  }

  ensureRevision(): Promise<void> {
    return this.#missing();
  }

  removeRevision(): Promise<void> {
    return this.#missing();
  }

  setWeights(): Promise<void> {
    return this.#missing();
  }

  rollBack(): Promise<void> {
    return this.#missing();
  }

  restart(): Promise<void> {
    return this.#missing();
  }

  peek(): Promise<EnvironmentPeek> {
    return this.#missing();
  }

  logs(): Promise<LogLine[]> {
    return this.#missing();
  }

  probePreview(): Promise<PreviewCheck> {
    return this.#missing();
  }

  status(): Promise<ServiceStatus> {
    return this.#missing();
  }

  traffic(): Promise<RevisionTraffic[]> {
    return this.#missing();
  }

  setPreview(): Promise<void> {
    return this.#missing();
  }

  setGuard(): Promise<void> {
    return this.#missing();
  }

  address(environment: Environment): Promise<string | undefined> {
    return Promise.resolve(environment.url);
  }
}

/** Every environment on one target (a test target, or `--local`). */
export function singleTarget(target: Target): Targets {
  return { forEnvironment: () => target };
}

/** The target each environment's platform entry names. */
export function platformTargets(available: Partial<Record<string, Target>>): Targets {
  const missing = new Map<string, Target>();
  return {
    forEnvironment: (environment: Environment) => {
      const kind = environment.target;
      return available[kind] ?? missing.get(kind) ?? missing.set(kind, new MissingTarget(kind)).get(kind)!;
    },
  };
}

/**
 * Runs each target's start-up check (Target.check) on the environments bound to it: throws what
 * can never work (naming the environment), resolves with the warnings.
 */
export async function checkTargets(targets: Targets, environments: Environment[]): Promise<string[]> {
  const byTarget = new Map<Target, Environment[]>();
  for (const environment of environments) {
    const target = targets.forEnvironment(environment);
    byTarget.set(target, [...(byTarget.get(target) ?? []), environment]);
  }
  const warnings: string[] = [];
  for (const [target, bound] of byTarget) warnings.push(...((await target.check?.(bound)) ?? []));
  return warnings;
}

/**
 * QUIKSHIP_TEST_TARGET=counting:FILE binds every environment to the counting test target, for
 * crash tests of the engine (QUIKSHIP_TEST_TARGET_DELAY_MS slows each effect,
 * QUIKSHIP_TEST_TARGET_POLL_MS sets how often a rolling rollout looks again). Undefined when unset.
 */
export function testTargetFromEnv(
  value: string | undefined,
  delayMs = Number(process.env.QUIKSHIP_TEST_TARGET_DELAY_MS ?? 0),
  pollMs = process.env.QUIKSHIP_TEST_TARGET_POLL_MS ? Number(process.env.QUIKSHIP_TEST_TARGET_POLL_MS) : undefined,
): Targets | undefined {
  if (!value) return undefined;
  const [kind, file] = [value.slice(0, value.indexOf(":")), value.slice(value.indexOf(":") + 1)];
  if (kind !== "counting" || !file)
    throw new UnavailableError(`QUIKSHIP_TEST_TARGET must be "counting:FILE", got "${value}"`, { retryable: false });
  if (pollMs !== undefined && !(Number.isInteger(pollMs) && pollMs > 0))
    throw new UnavailableError(`QUIKSHIP_TEST_TARGET_POLL_MS must be a whole number of milliseconds, got "${pollMs}"`, {
      retryable: false,
    });
  return singleTarget(new CountingTarget(file, delayMs, pollMs));
}
