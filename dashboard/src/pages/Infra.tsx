import { api } from "../api.ts";
import { usePolled } from "../live.ts";
import { linkClick } from "../router.ts";
import type { InfraStatus } from "../types.ts";

const REFRESH_MS = 5_000;

const when = (ms: number): string => new Date(ms).toLocaleString();

function RunLink({ id }: { id: string }) {
  return (
    <a href={`/runs/${encodeURIComponent(id)}`} onClick={linkClick}>
      {id}
    </a>
  );
}

function LastApply({ s }: { s: InfraStatus }) {
  const a = s.lastApply;
  if (!a) return <span className="muted">never applied</span>;
  const c = a.counts;
  return (
    <>
      {when(a.at)} (<RunLink id={a.run} />)
      <br />
      <span className="muted small">
        {c.add} added, {c.change} changed, {c.remove} destroyed · revision {a.revision.slice(0, 19)}
      </span>
    </>
  );
}

function Drift({ s }: { s: InfraStatus }) {
  const d = s.drift;
  if (d.status === "unknown") return <span className="muted">not checked since the last apply</span>;
  if (d.status === "up-to-date")
    return (
      <>
        <span className="badge status-succeeded">up to date</span> checked {when(d.checkedAtMs)}
      </>
    );
  return (
    <>
      <span className="badge status-failed">drifted</span> checked {when(d.checkedAtMs)} (<RunLink id={d.run} />)
      <ul className="plain" aria-label={`Drifted in ${s.environment}`}>
        {d.resources.map((r) => (
          <li key={r.address}>
            <code>{r.address}</code> ({r.action})
          </li>
        ))}
        {d.outputs.map((o) => (
          <li key={o.name}>
            <code>output.{o.name}</code> ({o.action})
          </li>
        ))}
      </ul>
    </>
  );
}

function UnderWay({ s }: { s: InfraStatus }) {
  if (s.active.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="plain">
      {s.active.map((a) => (
        <li key={a.run}>
          <span className={`badge status-${a.status}`}>{a.status}</span> {a.action} <RunLink id={a.run} />
          {a.waiting && <span className="muted small"> — {a.waiting}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Infrastructure: each environment's last terraform apply, its drift (resources by address) and infra runs under way. */
export function Infra() {
  const { value: rows, error } = usePolled(() => api<InfraStatus[]>("GET", "/v1/infra/status"), REFRESH_MS);
  return (
    <section>
      <h1>Infrastructure</h1>
      <p className="muted">
        Terraform per environment: plan, approve and apply with <code>quikship infra</code>; sensitive values are never
        shown.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {rows === null ? (
        <p>loading…</p>
      ) : rows.length === 0 ? (
        <p>The platform has no terraform block.</p>
      ) : (
        <table className="list" aria-label="Infrastructure by environment">
          <thead>
            <tr>
              <th scope="col">environment</th>
              <th scope="col">last apply</th>
              <th scope="col">drift</th>
              <th scope="col">runs under way</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.environment}>
                <th scope="row">{s.environment}</th>
                <td>
                  <LastApply s={s} />
                </td>
                <td>
                  <Drift s={s} />
                </td>
                <td>
                  <UnderWay s={s} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
