import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api, timeText } from "../api.ts";
import { detailLines } from "../audit-details.ts";
import { linkClick } from "../router.ts";
import type { AuditEntry, AuditVerification } from "../types.ts";

const LIMIT = 200;

function Verification({ result }: { result: AuditVerification }) {
  if (result.ok) {
    return (
      <p className="panel" role="status" data-testid="audit-verification">
        <strong className="status-succeeded">Intact</strong>: the hash chain of all {result.entries} entries verifies
        {result.last && (
          <>
            {" "}
            (newest #{result.last.seq}, hash <code>{result.last.hash.slice(0, 16)}…</code>)
          </>
        )}
        .
      </p>
    );
  }
  return (
    <p className="panel" role="alert" data-testid="audit-verification">
      <strong className="error">Broken</strong> at entry #{result.firstBad.seq} ({result.firstBad.problem}):{" "}
      {result.firstBad.message}
    </p>
  );
}

/** Actions whose subject is a run. */
const RUN_SUBJECTS = ["run.", "approval.", "tests.", "gate."];

/** The entry's subject, a link when it names a run. */
function Subject({ entry }: { entry: AuditEntry }) {
  if (!RUN_SUBJECTS.some((p) => entry.action.startsWith(p))) return <>{entry.subject}</>;
  return (
    <a href={`/runs/${encodeURIComponent(entry.subject)}`} onClick={linkClick}>
      {entry.subject}
    </a>
  );
}

/** The entry's data as one line per field, not a JSON string. */
function Details({ data }: { data: Record<string, unknown> }) {
  const lines = detailLines(data);
  if (lines.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="details">
      {lines.map((line) => (
        <div key={line.key}>
          <dt>{line.key}</dt>
          <dd title={line.full}>{line.text}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The audit log, newest first, with filters and the verification of its hash chain. */
export function Audit() {
  const [environment, setEnvironment] = useState("");
  const [action, setAction] = useState("");
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback((env: string, act: string) => {
    const query = new URLSearchParams({ limit: String(LIMIT) });
    if (env.trim()) query.set("env", env.trim());
    if (act.trim()) query.set("action", act.trim());
    Promise.all([api<AuditEntry[]>("GET", `/v1/audit?${query}`), api<AuditVerification>("GET", "/v1/audit/verify")])
      .then(([list, verified]) => {
        setEntries(list.slice().reverse());
        setVerification(verified);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  useEffect(() => load("", ""), [load]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    load(environment, action);
  };

  return (
    <section>
      <h1>Audit</h1>
      {verification && <Verification result={verification} />}
      <form className="toolbar" onSubmit={submit}>
        <label>
          Environment <input value={environment} onChange={(e) => setEnvironment(e.target.value)} placeholder="any" />
        </label>
        <label>
          Action{" "}
          <input value={action} onChange={(e) => setAction(e.target.value)} placeholder="e.g. approval.approve" />
        </label>
        <button type="submit">Filter</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {entries === null ? (
        <p>loading…</p>
      ) : (
        <table className="list" aria-label="Audit entries, newest first">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">when</th>
              <th scope="col">who</th>
              <th scope="col">action</th>
              <th scope="col">subject</th>
              <th scope="col">details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td className="nowrap">{timeText(e.at)}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>
                  <Subject entry={e} />
                </td>
                <td>
                  <Details data={e.data} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
