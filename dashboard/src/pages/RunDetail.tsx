import { useCallback, useEffect, useRef, useState } from "react";
import { api, followEvents, timeText } from "../api.ts";
import { FINAL_STATUSES } from "../types.ts";
import type { Explanation, RunEvent, RunView } from "../types.ts";
import { CanaryPanel, rolloutOf } from "./Canary.tsx";
import { momentsIn, momentText, whyLines } from "../why-waits.ts";
import { describeRun, StatusBadge } from "./Runs.tsx";
import { AheadPanel, TestResultsPanel } from "./TestResults.tsx";
import { SecurityPanel } from "./SecurityResults.tsx";

interface LogLine {
  id: number;
  at: number;
  step: string | null;
  line: string;
}

const RECONNECT_MS = 1_000;

/**
 * Loads the run and why it waits, then follows its events: log lines are appended as they come,
 * and any run or step event reloads the run (at most every 250 ms).
 */
function useLiveRun(id: string): {
  run: RunView | null;
  explanation: Explanation | null;
  logs: LogLine[];
  error: string | null;
  reload: () => void;
} {
  const [run, setRun] = useState<RunView | null>(null);
  const [explanation, setExplanation] = useState<Explanation | null>(null);
  const [logs, setLogs] = useState<LogLine[]>([]);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reloadRef = useRef<() => void>(() => undefined);
  const reloadNow = useCallback(() => reloadRef.current(), []);

  useEffect(() => {
    const controller = new AbortController();
    const path = `/v1/runs/${encodeURIComponent(id)}`;
    const reload = (): void => {
      Promise.all([api<RunView>("GET", path), api<Explanation>("GET", `${path}/explain`)])
        .then(([r, e]) => {
          if (controller.signal.aborted) return;
          setRun(r);
          setExplanation(e);
        })
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    };
    reloadRef.current = reload;
    const soon = (): void => {
      if (pending.current === null) pending.current = setTimeout(() => ((pending.current = null), reload()), 250);
    };
    const onEvent = (event: RunEvent): void => {
      last = event.id;
      if (event.type === "log") {
        const data = event.data as { step?: string | null; line?: string };
        setLogs((l) => [...l, { id: event.id, at: event.at, step: data.step ?? null, line: data.line ?? "" }]);
      } else soon();
    };
    let last = 0;
    setLogs([]);
    reload();
    const follow = async (): Promise<void> => {
      while (!controller.signal.aborted) {
        try {
          if ((await followEvents(id, last, onEvent, controller.signal)) === "end") break;
        } catch (e) {
          if (controller.signal.aborted) return;
          setError(e instanceof Error ? e.message : String(e));
        }
        await new Promise((r) => setTimeout(r, RECONNECT_MS));
      }
      if (!controller.signal.aborted) reload();
    };
    void follow();
    return () => {
      controller.abort();
      if (pending.current !== null) clearTimeout(pending.current);
      pending.current = null;
    };
  }, [id]);
  return { run, explanation, logs, error, reload: reloadNow };
}

/** Text with `code` spans as <code>. */
function WithCode({ text }: { text: string }) {
  return <>{text.split("`").map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

function Waiting({ explanation }: { explanation: Explanation }) {
  const w = explanation.waiting;
  const now = Date.now();
  const aheadShown = explanation.ahead.length + explanation.overrides.length + explanation.then.length > 0;
  const lines = whyLines(explanation.summary, now, aheadShown);
  // The moment it goes on is said once: in the summary when it names it, else on a line of its own.
  const earliest = w?.earliest;
  const named = earliest != null && momentsIn(explanation.summary).includes(Math.floor(earliest.ms / 1000) * 1000);
  return (
    <section className="panel" aria-labelledby="why">
      <h2 id="why">Why it waits</h2>
      <ul className="why" data-testid="why-waits">
        {lines.map((line, i) => (
          <li key={i}>
            <WithCode text={line.text} />
            {line.reasons.length > 0 && (
              <ul>
                {line.reasons.map((r, j) => (
                  <li key={j}>
                    <WithCode text={r} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {earliest && !named && (
        <p title={earliest.utc}>
          Earliest it can go on: <strong>{momentText(earliest.ms, now)}</strong>
        </p>
      )}
      {w?.approvals && (
        <ul>
          {w.approvals.groups.map((g) => (
            <li key={g.group}>
              {g.group}: {g.approvedBy.length ? `approved by ${g.approvedBy.join(", ")}` : "not yet approved"}
            </li>
          ))}
        </ul>
      )}
      {w?.lock && <p>Lock held by {w.lock.heldBy}</p>}
    </section>
  );
}

/** A step of a finished run that never started was not run: it is not waiting for anything. */
export function stepStatus(stepStatusNow: string, runStatus: string): string {
  return stepStatusNow === "pending" && FINAL_STATUSES.includes(runStatus) ? "not run" : stepStatusNow;
}

export function RunDetail({ id }: { id: string }) {
  const { run, explanation, logs, error, reload } = useLiveRun(id);
  if (run === null)
    return error ? (
      <p role="alert" className="error">
        {error}
      </p>
    ) : (
      <p>loading run {id}…</p>
    );
  const live = !FINAL_STATUSES.includes(run.status);
  const rollout = rolloutOf(run);
  return (
    <section>
      <h1>
        Run {run.id} <StatusBadge status={run.status} />
      </h1>
      <p>
        {describeRun(run)} · {run.services.join(", ")} · by {run.actor} · created {timeText(run.createdAt)}
        {run.finishedAt !== null && ` · finished ${timeText(run.finishedAt)}`}
        {live && <span className="muted"> · live</span>}
      </p>
      {run.error && <p className="error">Error: {run.error.message}</p>}
      {explanation?.waiting && <Waiting explanation={explanation} />}
      {explanation && <AheadPanel explanation={explanation} />}
      {rollout && <CanaryPanel run={run} rollout={rollout} reload={reload} />}
      <SecurityPanel run={run} />
      <TestResultsPanel run={run} />
      <section className="panel" aria-labelledby="stages">
        <h2 id="stages">Stages</h2>
        {run.stages.map((stage) => (
          <div key={stage.key} className="stage">
            <h3>{stage.title}</h3>
            <ol className="steps">
              {stage.steps.map((step) => (
                <li key={step.key}>
                  <StatusBadge status={stepStatus(step.status, run.status)} /> {step.title}
                  {step.attempts > 1 && <span className="muted"> ({step.attempts} attempts)</span>}
                  {step.error && <span className="error"> {step.error.message}</span>}
                </li>
              ))}
            </ol>
          </div>
        ))}
      </section>
      <section className="panel" aria-labelledby="logs">
        <h2 id="logs">Log</h2>
        <pre className="log" tabIndex={0} aria-label="Run log" data-testid="run-log">
          {logs.length === 0
            ? "(no lines yet)"
            : logs.map((l) => `${new Date(l.at).toLocaleTimeString()}  ${l.step ?? ""}  ${l.line}`).join("\n")}
        </pre>
      </section>
    </section>
  );
}
