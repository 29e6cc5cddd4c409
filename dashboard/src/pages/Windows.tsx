import { api } from "../api.ts";
import { usePolled } from "../live.ts";
import type { EnvironmentDetail, EnvironmentInfo, Moment } from "../types.ts";

const REFRESH_MS = 60_000;
const VIEWER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A moment in the window's zone (as the server words it) and in the viewer's. */
function When({ moment }: { moment: Moment }) {
  const viewer = new Date(moment.utc).toLocaleString(undefined, {
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
  return (
    <>
      <strong>{moment.local}</strong>
      <br />
      <span className="muted">
        {viewer} your time ({VIEWER_ZONE})
      </span>
    </>
  );
}

function State({ detail }: { detail: EnvironmentDetail }) {
  const w = detail.window;
  if (w.open) {
    return (
      <>
        <span className="badge status-succeeded">open</span>{" "}
        {w.closesAt ? (
          <>
            closes <When moment={w.closesAt} />
          </>
        ) : (
          "always"
        )}
      </>
    );
  }
  return (
    <>
      <span className="badge status-failed">closed</span> {w.reason}
      {w.nextOpening && (
        <>
          <br />
          opens <When moment={w.nextOpening} />
        </>
      )}
    </>
  );
}

/** Deployment windows and freezes: whether each environment is open now, and when it opens or closes next. */
export function Windows() {
  const { value: details, error } = usePolled(
    () =>
      api<EnvironmentInfo[]>("GET", "/v1/platform/environments").then((list) =>
        Promise.all(
          list.map((e) => api<EnvironmentDetail>("GET", `/v1/platform/environments/${encodeURIComponent(e.name)}`)),
        ),
      ),
    REFRESH_MS,
  );

  return (
    <section>
      <h1>Windows and freezes</h1>
      <p className="muted">Times in each window's own zone, and in yours ({VIEWER_ZONE}).</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {details === null ? (
        <p>loading…</p>
      ) : (
        <table className="list" aria-label="Deployment windows by environment">
          <thead>
            <tr>
              <th scope="col">environment</th>
              <th scope="col">now</th>
              <th scope="col">weekly windows</th>
              <th scope="col">freezes</th>
            </tr>
          </thead>
          <tbody>
            {details.map((d) => (
              <tr key={d.name}>
                <th scope="row">{d.name}</th>
                <td>{d.windows ? <State detail={d} /> : <span className="muted">no window: always open</span>}</td>
                <td>
                  {d.windows && (
                    <>
                      <span className="muted small">{d.windows.timezone}</span>
                      <ul className="plain">
                        {d.windows.weekly.map((r) => (
                          <li key={`${r.days.join()}-${r.from}`}>
                            {r.days.join(", ")} {r.from}–{r.to}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </td>
                <td>
                  <ul className="plain">
                    {(d.windows?.freezes ?? []).map((f) => (
                      <li key={f.name}>
                        {f.name}: {f.cron ? `${f.cron} for ${f.duration}` : `${f.from} – ${f.to}`}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
