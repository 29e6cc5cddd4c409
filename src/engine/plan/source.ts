import type { Environment } from "../../config/types.js";
import { isKind } from "../../kind.js";
import type { TestedRevision } from "../../store/revisions/tests.js";

/** What a source environment runs of one service, with the test outcomes kept with that revision. */
export type SourceRevision = TestedRevision;

/** What a promotion's planning reads of its source: the active revisions, and the newest revision of the tag per service. */
export interface SourceFacts {
  active: SourceRevision[];
  /** Says why a service that no longer runs the tag stopped (its tests failed and it was moved back). */
  tagged: (SourceRevision & { status: string })[];
}

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
  facts: SourceFacts,
  checkTests: boolean,
): SourceProblem[] {
  const active = new Map(facts.active.map((r) => [r.service, r]));
  const tagged = new Map(facts.tagged.map((r) => [r.service, r]));
  return services.flatMap((service): SourceProblem[] => {
    const running = active.get(service);
    if (running?.tag !== tag) {
      const now = running
        ? `${service} runs ${running.tag} (revision ${running.number})`
        : `${service} is not deployed`;
      const failed = failedTest(source, tagged.get(service));
      const message = failed ? `${now}; ${tag} ${failed.message}` : now;
      return [{ service, kind: "not-running", ...(failed ? { test: failed.test } : {}), message }];
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
  const running = problems.filter((p) => isKind(p, "not-running"));
  const tests = problems.filter((p) => isKind(p, "tests"));
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

/** The first required test the revision failed, as "(revision 4) failed dev's test smoke: exited with 1, and is failed". */
function failedTest(
  source: Environment,
  revision: (SourceRevision & { status: string }) | undefined,
): { test: string; message: string } | undefined {
  if (!revision) return undefined;
  for (const test of source.tests) {
    const outcome = revision.tests[test.name];
    if (outcome && !outcome.passed && test.required)
      return {
        test: test.name,
        message: `(revision ${revision.number}) failed ${source.name}'s test ${test.name}: ${outcome.summary} (revision ${revision.status})`,
      };
  }
  return undefined;
}
