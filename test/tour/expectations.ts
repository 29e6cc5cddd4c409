/** What each command of the README's tour must show, in the tour's order (test/tour/readme.test.ts). */
export interface TourExpectation {
  /** How the README's line begins. */
  command: string;
  exit: number;
  check(result: { stdout: string; stderr: string }): boolean;
  /** Run again (bounded) until the check holds: the server does it by itself, within a moment. */
  eventually?: boolean;
}

const all =
  (...patterns: RegExp[]) =>
  (result: { stdout: string; stderr: string }): boolean =>
    patterns.every((p) => p.test(result.stdout + result.stderr));

/** Every pattern holds, and none of the unwanted ones. */
const allBut =
  (patterns: RegExp[], unwanted: RegExp[]) =>
  (result: { stdout: string; stderr: string }): boolean =>
    all(...patterns)(result) && !unwanted.some((p) => p.test(result.stdout + result.stderr));

export const TOUR_EXPECTATIONS: readonly TourExpectation[] = [
  {
    command: "quikship deploy dev --services backend-gateway,search-service --tag v1.0.0 --wait",
    exit: 0,
    // Secrets this machine cannot resolve are reported once when the server starts, not by each rollout.
    check: allBut([/smoke test smoke in dev succeeded/, /test smoke passed/, /run \S+ succeeded\n$/], [/secret/i]),
  },
  {
    command: "curl -s http://127.0.0.1:7402/backend-gateway/",
    exit: 0,
    check: all(/"service":"backend-gateway","version":"v1.0.0"/),
  },
  {
    command: "quikship status dev",
    exit: 0,
    check: all(/backend-gateway +v1\.0\.0 +- +1 +1\/1 +healthy/, /search-service +v1\.0\.0 +- +1 +1\/1 +healthy/),
  },
  {
    command: "quikship history dev backend-gateway",
    exit: 0,
    check: all(/^1 +v1\.0\.0 +- +1 +active +deploy +admin/m),
  },
  {
    command: "quikship runs --kind promote",
    exit: 0,
    eventually: true,
    check: all(/promote +waiting +dev +backend-gateway,search-service +quikship/),
  },
  {
    command: "quikship explain RUN_ID",
    exit: 0,
    check: all(/waits for approval of qa: waiting for one approval from QA Lead/, /qa test +integration/),
  },
  {
    command: "quikship deploy dev --services search-service --tag v1.1.0-broken --wait",
    exit: 1,
    check: all(/smoke test smoke in dev failed/, /search-service in dev: back on revision \d+ \(v1\.0\.0\)/),
  },
  {
    command: "quikship run RUN_ID",
    exit: 0,
    check: all(/1 test: 0 passed, 1 failed/, /failure smoke › search-service: /, /not run +release of v1\.1\.0-broken/),
  },
  {
    command: "quikship promote --from dev --to qa --services search-service --tag v1.1.0-broken",
    exit: 1,
    check: all(/v1\.1\.0-broken \(revision \d+\) failed dev's test smoke/),
  },
  { command: "quikship deploy dev --services search-service --tag v1.1.0 --wait", exit: 0, check: all(/succeeded/) },
  { command: "quikship releases dev", exit: 0, check: all(/rel-\S+.*search-service.*v1\.1\.0/) },
  {
    command: "quikship rollback dev --release REL_ID --wait",
    exit: 0,
    check: all(/search-service/, /run \S+ succeeded\n$/),
  },
  {
    command: "quikship deploy dev --services backend-gateway --tag v1.2.0-bad --canary --wait",
    exit: 1,
    check: all(/canary of backend-gateway revision \d+ \(v1\.2\.0-bad\) in dev aborted: analysis/),
  },
  {
    command: "quikship run RUN_ID",
    exit: 0,
    check: all(/aborted: analysis( by the router's guard)?: error rate above the critical 1%/),
  },
  {
    command: "curl -s http://127.0.0.1:7402/backend-gateway/",
    exit: 0,
    check: all(/"version":"v1.0.0"/),
  },
  { command: "quikship approvals", exit: 0, check: all(/./) },
  { command: "quikship audit verify", exit: 0, check: all(/intact|verified|ok/i) },
];
