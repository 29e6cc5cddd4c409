import { useEffect, useState } from "react";
import { api } from "../api.ts";
import { trafficWindow, uncountedTraffic } from "../canary-window.ts";
import type { PhasedTrafficView } from "../canary-window.ts";
import { FINAL_STATUSES } from "../types.ts";
import { momentText } from "../why-waits.ts";
import type { RevisionTraffic, RolloutOutput, RunView, StepView, Threshold } from "../types.ts";
import { WeightChart } from "./WeightChart.tsx";

const POLL_MS = 1_000;

interface Point {
  at: number;
  weight: number;
}

/** A canary or blue-green rollout of a run, from why it waits and its rollout step's state or output. */
export interface Rollout {
  environment: string;
  service: string;
  strategy: "canary" | "blue-green";
  revision: number | null;
  stable: number | null;
  phase: string | null;
  endsAtMs: number | null;
  paused: boolean;
  reasons: string[];
  timeline: Point[];
  /** What decided an abort (analysis, person, crash, deadline, preview-check); null unless aborted. */
  abortedBy: string | null;
  /** Under analysis now: the panel polls and offers Promote step and Abort. */
  waiting: boolean;
}

/** Failure details of an aborted canary or blue-green rollout (the document leaves a failure's details open). */
interface AbortDetails {
  revision: number;
  rolledBackTo: number | null;
  strategy: "canary" | "blue-green";
  abortedBy: string;
  timeline: Point[];
}

function isAbortDetails(details: unknown): details is AbortDetails {
  return (
    typeof details === "object" &&
    details !== null &&
    "abortedBy" in details &&
    "timeline" in details &&
    Array.isArray(details.timeline)
  );
}

/**
 * A rollout step's public output, by its kind: progress while it waits, what it rolled out once
 * done. The document lets other kinds give any object, so the kind and the revision decide.
 */
function isRolloutOutput(step: StepView, output: StepView["output"]): output is RolloutOutput {
  return (
    step.kind === "rollout" &&
    output !== null &&
    "revision" in output &&
    typeof output.revision === "number" &&
    "tag" in output &&
    typeof output.tag === "string"
  );
}

/** A canary's or blue-green's output (its progress, or what it rolled out): a rolling update's has no timeline. */
function hasTimeline(output: RolloutOutput): output is Extract<RolloutOutput, { timeline: unknown }> {
  return "timeline" in output;
}

function rolloutOutputOf(step: StepView): RolloutOutput | null {
  return isRolloutOutput(step, step.output) ? step.output : null;
}

/** The run's canary or blue-green rollout: the one under analysis, else the last rollout step whose output names a strategy. */
export function rolloutOf(run: RunView): Rollout | null {
  const steps = run.stages.flatMap((stage) =>
    stage.steps
      .filter((s) => s.kind === "rollout")
      .map((step) => ({ step, environment: stage.environment ?? run.environment })),
  );
  const wait = run.waitReason?.kind === "analysis" ? run.waitReason : null;
  if (wait) {
    const step = steps.find(
      ({ step }) =>
        (step.status === "waiting" || step.status === "running") && step.key.endsWith(`rollout/${wait.service}`),
    );
    const progress = step ? rolloutOutputOf(step.step) : null;
    return {
      environment: wait.environment,
      service: wait.service,
      strategy: wait.strategy,
      revision: wait.revision,
      stable: wait.stable,
      phase: wait.phase,
      endsAtMs: wait.endsAtMs,
      paused: wait.paused,
      reasons: wait.reasons,
      timeline: progress !== null && hasTimeline(progress) ? progress.timeline : [],
      abortedBy: null,
      waiting: !FINAL_STATUSES.includes(run.status),
    };
  }
  for (const { step, environment } of [...steps].reverse()) {
    const service = step.key.split("rollout/").pop() ?? run.services[0] ?? "";
    // An aborted rollout's failure carries its timeline to the end (0%) and where traffic went back;
    // its public progress stops at the last poll before the abort.
    const aborted = step.status === "failed" && isAbortDetails(step.error?.details) ? step.error.details : null;
    if (aborted)
      return {
        environment,
        service,
        strategy: aborted.strategy,
        revision: aborted.revision,
        stable: aborted.rolledBackTo,
        phase: "aborted",
        endsAtMs: null,
        paused: false,
        reasons: [],
        timeline: aborted.timeline,
        abortedBy: aborted.abortedBy,
        waiting: false,
      };
    const output = rolloutOutputOf(step);
    if (output === null || !("strategy" in output)) continue;
    return {
      environment,
      service,
      strategy: output.strategy,
      revision: output.revision,
      stable: output.previous,
      phase: "phase" in output ? output.phase : null,
      endsAtMs: null,
      paused: false,
      reasons: [],
      timeline: output.timeline,
      abortedBy: null,
      // Its progress while it rolls out (between the polls that make the run wait), its output once done.
      waiting: (step.status === "waiting" || step.status === "running") && !FINAL_STATUSES.includes(run.status),
    };
  }
  return null;
}

type Level = "ok" | "warning" | "critical" | "none";

export function levelOf(value: number | null, threshold: Threshold | null): Level {
  if (value === null || threshold === null) return "none";
  if (value >= threshold.critical) return "critical";
  if (value >= threshold.warning) return "warning";
  return "ok";
}

function Measure({
  value,
  unit,
  digits,
  threshold,
}: {
  value: number | null;
  unit: string;
  digits: number;
  threshold: Threshold | null;
}) {
  const level = levelOf(value, threshold);
  const shown = value === null ? "no requests" : `${value.toFixed(digits)} ${unit}`;
  const verdict = level === "none" ? (threshold === null ? "not judged" : "") : level === "ok" ? "ok" : `over ${level}`;
  return (
    <td className={`level-${level}`}>
      {shown}
      {verdict && <strong> · {verdict}</strong>}
    </td>
  );
}

function limits(threshold: Threshold | null, unit: string): string {
  return threshold === null ? "—" : `warning ${threshold.warning} ${unit}, critical ${threshold.critical} ${unit}`;
}

const clockTime = (ms: number): string => new Date(ms).toLocaleTimeString();

function TrafficTable({ rollout, traffic }: { rollout: Rollout; traffic: PhasedTrafficView }) {
  const uncounted = uncountedTraffic(traffic);
  if (uncounted !== null)
    return (
      <p className="muted" role="status" data-testid="canary-traffic-uncounted">
        {uncounted}
      </p>
    );
  const shown = trafficWindow(traffic, clockTime);
  const rows: { role: string; revision: number; t: RevisionTraffic | undefined }[] = [];
  if (rollout.revision !== null)
    rows.push({
      role: rollout.strategy === "canary" ? "canary" : "new",
      revision: rollout.revision,
      t: shown.revisions.find((r) => r.revision === rollout.revision),
    });
  if (rollout.stable !== null)
    rows.push({
      role: "stable",
      revision: rollout.stable,
      t: shown.revisions.find((r) => r.revision === rollout.stable),
    });
  const { errorRatePercent, latencyP99Ms } = traffic.thresholds;
  return (
    <table className="list traffic" data-testid="canary-traffic" data-window={shown.phase ? "phase" : "cumulative"}>
      <caption className={shown.phase ? "small" : "muted small"} data-testid="canary-traffic-window">
        {shown.caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">Revision</th>
          <th scope="col">Requests</th>
          <th scope="col">Errors</th>
          <th scope="col">Error rate</th>
          <th scope="col">p99 latency</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ role, revision, t }) => (
          <tr key={role}>
            <th scope="row">
              {revision} <span className="muted">({role})</span>
            </th>
            <td>{t?.requests ?? 0}</td>
            <td>{t?.errors ?? 0}</td>
            <Measure value={t?.errorRatePercent ?? null} unit="%" digits={2} threshold={errorRatePercent} />
            <Measure value={t?.p99Ms ?? null} unit="ms" digits={0} threshold={latencyP99Ms} />
          </tr>
        ))}
        <tr className="muted">
          <th scope="row">thresholds</th>
          <td />
          <td />
          <td>{limits(errorRatePercent, "%")}</td>
          <td>{limits(latencyP99Ms, "ms")}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** Promote step and Abort, with an optional comment for the run's log and the audit log. */
function Commands({ runId, onDone }: { runId: string; onDone: () => void }) {
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const send = (command: "promote-step" | "abort"): void => {
    setBusy(true);
    setMessage(null);
    const text = comment.trim();
    api("POST", `/v1/runs/${encodeURIComponent(runId)}/${command}`, text ? { comment: text } : {})
      .then(() => {
        setMessage({
          error: false,
          text: command === "abort" ? "Abort sent: traffic goes back to the stable revision." : "Promote step sent.",
        });
        setComment("");
        onDone();
      })
      .catch((e: unknown) => setMessage({ error: true, text: e instanceof Error ? e.message : String(e) }))
      .finally(() => setBusy(false));
  };
  return (
    <div className="decide">
      <label htmlFor={`canary-comment-${runId}`}>Comment (optional, for the log and the audit log)</label>
      <textarea id={`canary-comment-${runId}`} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      <div className="actions">
        <button type="button" onClick={() => send("promote-step")} disabled={busy}>
          Promote step
        </button>
        <button type="button" className="danger" onClick={() => send("abort")} disabled={busy}>
          Abort
        </button>
      </div>
      {message && (
        <p role={message.error ? "alert" : "status"} className={message.error ? "error" : "muted"}>
          {message.text}
        </p>
      )}
    </div>
  );
}

/**
 * The canary view of a run: weight over time, phase, when the bake ends, why it paused, and each
 * revision's error rate and p99 against the thresholds. While the rollout waits under analysis it
 * polls the traffic and the run every second.
 */
export function CanaryPanel({ run, rollout, reload }: { run: RunView; rollout: Rollout; reload: () => void }) {
  const [traffic, setTraffic] = useState<PhasedTrafficView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const { environment, service, waiting } = rollout;
  const runId = run.id;

  useEffect(() => {
    let stopped = false;
    // Under analysis, `?run=` adds the current phase's counters: the window the engine judges.
    const query = waiting ? `?run=${encodeURIComponent(runId)}` : "";
    const read = (): void => {
      api<PhasedTrafficView>(
        "GET",
        `/v1/traffic/${encodeURIComponent(environment)}/${encodeURIComponent(service)}${query}`,
      )
        .then((t) => {
          if (stopped) return;
          setTraffic(t);
          setError(null);
        })
        .catch((e: unknown) => !stopped && setError(e instanceof Error ? e.message : String(e)));
    };
    read();
    if (!waiting) {
      return () => {
        stopped = true;
      };
    }
    const timer = setInterval(() => {
      read();
      reload();
      setNow(Date.now());
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [environment, service, waiting, runId, reload]);

  const until = waiting ? now : (run.finishedAt ?? rollout.timeline.at(-1)?.at ?? now);
  const weight = rollout.timeline.at(-1)?.weight;
  return (
    <section className="panel canary" aria-labelledby="canary" data-testid="canary-panel">
      <h2 id="canary">
        {rollout.strategy === "canary" ? "Canary" : "Blue-green"}: {service} in {environment}
      </h2>
      <dl className="facts">
        <dt>Revision</dt>
        <dd>
          {rollout.revision ?? "—"} against stable {rollout.stable ?? "none"}
        </dd>
        <dt>Weight now</dt>
        <dd data-testid="canary-weight">{weight === undefined ? "—" : `${weight}%`}</dd>
        {rollout.phase && (
          <>
            <dt>Phase</dt>
            <dd data-testid="canary-phase">{rollout.phase}</dd>
          </>
        )}
        {rollout.abortedBy !== null && (
          <>
            <dt>Aborted by</dt>
            <dd data-testid="canary-aborted-by">
              {rollout.abortedBy === "analysis" ? "analysis of live traffic, by itself" : rollout.abortedBy}
            </dd>
          </>
        )}
        {rollout.endsAtMs !== null && (
          <>
            <dt>Bake ends</dt>
            <dd>{momentText(rollout.endsAtMs, now)}</dd>
          </>
        )}
      </dl>
      {rollout.paused && (
        <div role="status">
          <p>
            <strong>Paused for a person.</strong> {rollout.reasons.length ? "Why:" : ""}
          </p>
          {rollout.reasons.length > 0 && (
            <ul data-testid="canary-reasons">
              {rollout.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <h3>Weight over time</h3>
      <WeightChart timeline={rollout.timeline} until={until} />
      <h3>Per revision</h3>
      {error && <p className="error">Traffic: {error}</p>}
      {traffic ? (
        <TrafficTable rollout={rollout} traffic={traffic} />
      ) : (
        !error && <p className="muted">reading traffic…</p>
      )}
      {waiting && <Commands runId={run.id} onDone={reload} />}
    </section>
  );
}
