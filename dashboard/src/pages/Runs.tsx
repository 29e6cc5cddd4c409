import { timeText } from "../api.ts";
import { useLiveSnapshot } from "../live.ts";
import { linkClick } from "../router.ts";
import type { RunView } from "../types.ts";

/** The newest runs: the stream sends the list now and again whenever it changes. */
const LIMIT = 100;

export function describeRun(run: RunView): string {
  const { tag, to } = run.request.params;
  if (run.kind === "promote")
    return `promote ${String(tag)} from ${run.environment} to ${Array.isArray(to) ? to.join(", ") : String(to)}`;
  if (run.kind === "deploy") return `deploy ${String(tag)} to ${run.environment}`;
  return `${run.kind} in ${run.environment}`;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{status}</span>;
}

export function Runs() {
  const { value: runs, error } = useLiveSnapshot<RunView[]>(
    `/v1/runs/events?limit=${LIMIT}`,
    "runs",
    `/v1/runs?limit=${LIMIT}`,
  );

  return (
    <section>
      <h1>Runs</h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {runs === null ? (
        <p>loading…</p>
      ) : runs.length === 0 ? (
        <p>No runs yet: deploy from the matrix.</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">run</th>
              <th scope="col">what</th>
              <th scope="col">services</th>
              <th scope="col">status</th>
              <th scope="col">by</th>
              <th scope="col">created</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <td>
                  <a href={`/runs/${encodeURIComponent(run.id)}`} onClick={linkClick}>
                    {run.id}
                  </a>
                </td>
                <td>{describeRun(run)}</td>
                <td>{run.services.join(", ")}</td>
                <td>
                  <StatusBadge status={run.status} />
                  {run.waitReason && <span className="muted small"> {run.waitReason.kind}</span>}
                </td>
                <td>{run.actor}</td>
                <td>{timeText(run.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
