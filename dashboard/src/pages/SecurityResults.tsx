import { securityRows } from "../security-outcome.ts";
import type { RunView } from "../types.ts";

/** Every image the run's security gates judged: its verdict, the findings that block it, what the allow-list let through. */
export function SecurityPanel({ run }: { run: RunView }) {
  const rows = securityRows(run);
  if (rows.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="security">
      <h2 id="security">Security</h2>
      <table aria-label="security gates">
        <thead>
          <tr>
            <th>environment</th>
            <th>service</th>
            <th>digest</th>
            <th>verdict</th>
            <th>findings</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.environment}</td>
              <td>{r.service}</td>
              <td>
                <code>{r.digest}</code>
              </td>
              <td className={r.verdict === "blocked" ? "error" : r.verdict === "clear" ? "ok" : "muted"}>
                {r.verdict}
              </td>
              <td>
                {r.text}
                {r.allowed.map((a) => (
                  <div key={a} className="muted">
                    {a}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
