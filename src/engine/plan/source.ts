import type { Environment } from "../../config/types.js";
import type { TestedRevision } from "../../store/revisions/tests.js";

/** What a source environment runs of one service, with the test outcomes kept with that revision. */
export type SourceRevision = TestedRevision;

/** One reason the source does not qualify a service for promotion. */
export interface SourceProblem {
  service: string;
  /** not-running: the source runs another tag or nothing; tests: a required test failed or never ran. */
  kind: "not-running" | "tests";
  /** The test that failed or never ran. */
  test?: string;
  message: string;
}

/**
 * Why the source environment does not qualify `tag` of `services` for promotion: each service must
 * run exactly the tag there, and (unless `checkTests` is false) that revision must have passed
 * every test the source environment requires. Pure; the caller reads the active revisions.
 */
export function sourceProblems(
  source: Environment,
  services: readonly string[],
  tag: string,
  active: ReadonlyMap<string, SourceRevision>,
  checkTests: boolean,
): SourceProblem[] {
  return services.flatMap((service): SourceProblem[] => {
    const running = active.get(service);
    if (running?.tag !== tag) {
      const message = running
        ? `${service} runs ${running.tag} (revision ${running.number})`
        : `${service} is not deployed`;
      return [{ service, kind: "not-running", message }];
    }
    if (!checkTests) return [];
    const what = `${service} ${tag} (revision ${running.number})`;
    return source.tests
      .filter((test) => test.required)
      .flatMap((test): SourceProblem[] => {
        const outcome = running.tests[test.name];
        if (outcome?.passed) return [];
        const message = outcome
          ? `${source.name}'s test ${test.name} failed on ${what}: ${outcome.summary}`
          : `${source.name}'s test ${test.name} has not run on ${what}`;
        return [{ service, kind: "tests", test: test.name, message }];
      });
  });
}

/** The sentence that refuses a promotion, with what to do about it. */
export function describeSourceProblems(source: string, tag: string, problems: readonly SourceProblem[]): string {
  const running = problems.filter((p) => p.kind === "not-running");
  const tests = problems.filter((p) => p.kind === "tests");
  const parts: string[] = [];
  if (running.length)
    parts.push(
      `${source} does not run ${tag} for every service to promote: ${running.map((p) => p.message).join("; ")}; promote the tag the source runs, or deploy ${tag} to ${source} first`,
    );
  if (tests.length)
    parts.push(
      `${tag} has not passed ${source}'s required tests: ${tests.map((p) => p.message).join("; ")}; deploy a tag that passes them, or promote with --skip-source-tests where the platform allows it`,
    );
  return parts.join(". ");
}
