import type { Explanation, RunView, StepView, TestOutcome } from "../types.ts";

function isTestOutcome(value: object): value is TestOutcome {
  return "results" in value && "passed" in value && "summary" in value;
}

/** A test step's outcome: its output when it passed (or was not required), the failure's details when it failed the run. */
export function testOutcomeOf(step: StepView): TestOutcome | null {
  if (step.kind !== "test") return null;
  const output = step.output;
  if (output !== null && isTestOutcome(output)) return output;
  // A failed required test gives its outcome in the failure's details (the document leaves them open).
  const details = step.error?.details;
  const fromError = typeof details === "object" && details !== null && "test" in details ? details.test : null;
  return typeof fromError === "object" && fromError !== null && isTestOutcome(fromError) ? fromError : null;
}

const figure = (value: number | null, unit = ""): string => (value === null ? "–" : `${value}${unit}`);

function Outcome({ environment, outcome }: { environment: string; outcome: TestOutcome }) {
  const { junit, load, problems } = outcome.results;
  const verdict = outcome.passed ? "passed" : outcome.required ? "failed" : "failed (not required)";
  return (
    <div className="test-outcome" data-testid={`test-${environment}-${outcome.name}`}>
      <h3>
        {outcome.name} in {environment}: <span className={outcome.passed ? "ok" : "error"}>{verdict}</span>
      </h3>
      <p className="muted">{outcome.summary}</p>
      {junit && (
        <table aria-label={`JUnit results of ${outcome.name}`}>
          <thead>
            <tr>
              <th>tests</th>
              <th>passed</th>
              <th>failed</th>
              <th>skipped</th>
              <th>time</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{junit.tests}</td>
              <td>{junit.passed}</td>
              <td>{junit.failures + junit.errors}</td>
              <td>{junit.skipped}</td>
              <td>{junit.timeMs === null ? "–" : `${(junit.timeMs / 1000).toFixed(1)} s`}</td>
            </tr>
          </tbody>
        </table>
      )}
      {junit && junit.failed.length > 0 && (
        <ul aria-label={`failing cases of ${outcome.name}`}>
          {junit.failed.map((f, i) => (
            <li key={i}>
              <strong>{f.suite ? `${f.suite} › ${f.name}` : f.name}</strong> ({f.kind}): {f.message}
            </li>
          ))}
        </ul>
      )}
      {load && (
        <table aria-label={`load figures of ${outcome.name}`}>
          <thead>
            <tr>
              <th>requests</th>
              <th>rate</th>
              <th>p95</th>
              <th>p99</th>
              <th>error rate</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{figure(load.requests)}</td>
              <td>{figure(load.requestsPerSecond, "/s")}</td>
              <td>{figure(load.p95Ms, " ms")}</td>
              <td>{figure(load.p99Ms, " ms")}</td>
              <td>{figure(load.errorRatePercent, "%")}</td>
            </tr>
          </tbody>
        </table>
      )}
      {load && load.failedThresholds.length > 0 && (
        <p className="error">Thresholds crossed: {load.failedThresholds.join(", ")}</p>
      )}
      {problems.map((p) => (
        <p key={p} className="muted">
          results: {p}
        </p>
      ))}
    </div>
  );
}

/** Every test the run ran, with its counts, failing cases and load figures. */
export function TestResultsPanel({ run }: { run: RunView }) {
  const outcomes = run.stages.flatMap((stage) =>
    stage.steps.flatMap((step) => {
      const outcome = testOutcomeOf(step);
      return outcome ? [{ key: step.key, environment: stage.environment ?? run.environment, outcome }] : [];
    }),
  );
  if (outcomes.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="tests">
      <h2 id="tests">Tests</h2>
      {outcomes.map((o) => (
        <Outcome key={o.key} environment={o.environment} outcome={o.outcome} />
      ))}
    </section>
  );
}

/** The gates still ahead of every rung, what an emergency run overrides, and what takes the tag on afterwards. */
export function AheadPanel({ explanation }: { explanation: Explanation }) {
  const { ahead, overrides, then } = explanation;
  if (ahead.length === 0 && overrides.length === 0 && then.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="ahead">
      <h2 id="ahead">Ahead</h2>
      {ahead.length > 0 && (
        <ol aria-label="gates ahead">
          {ahead.map((g, i) => (
            <li key={i}>
              {g.environment} {g.kind}: {g.description}
            </li>
          ))}
        </ol>
      )}
      {overrides.length > 0 && (
        <p>
          Emergency override ({overrides[0]!.reason}): the deployment windows of{" "}
          {[...new Set(overrides.map((o) => o.environment))].join(", ")} are not enforced; approvals and tests still
          apply.
        </p>
      )}
      {then.map((p) => (
        <p key={p.environment} data-testid={`then-${p.environment}`}>
          Afterwards {p.environment}{" "}
          {p.deployment === "auto"
            ? `takes it from ${p.from} by itself once it succeeds there with its tests passed`
            : `takes what ${p.from} runs at ${p.next ? `${p.next.local} (${p.next.utc})` : "no future time"}`}
        </p>
      ))}
    </section>
  );
}
