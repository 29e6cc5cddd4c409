import { useState } from "react";
import { api, timeText } from "../api.ts";
import { useLiveSnapshot } from "../live.ts";
import { linkClick } from "../router.ts";
import type { PendingApproval, Whoami } from "../types.ts";
import { describeRun } from "./Runs.tsx";

/** Approve or reject with a comment; shown only where the server says the caller may decide. */
function Decide({ item, onDecided }: { item: PendingApproval; onDecided: () => void }) {
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = item.run.id;
  const decide = (decision: "approve" | "reject"): void => {
    setBusy(true);
    setError(null);
    const text = comment.trim();
    const body = { environment: item.environment, ...(text ? { comment: text } : {}) };
    api("POST", `/v1/runs/${encodeURIComponent(id)}/${decision}`, body)
      .then(onDecided)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="decide">
      <label htmlFor={`comment-${id}`}>Comment (required to reject)</label>
      <textarea id={`comment-${id}`} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      <div className="actions">
        <button type="button" onClick={() => decide("approve")} disabled={busy}>
          Approve {item.why}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => decide("reject")}
          disabled={busy || comment.trim() === ""}
        >
          Reject
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}

export function Approvals({ me }: { me: Whoami }) {
  const {
    value: items,
    error,
    reload: load,
  } = useLiveSnapshot<PendingApproval[]>("/v1/approvals/events", "approvals", "/v1/approvals");

  return (
    <section>
      <h1>Approvals</h1>
      <p className="muted">
        You decide as {me.user}
        {me.groups.length ? ` for ${me.groups.join(", ")}` : ", who is in no group"}.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {items === null ? (
        <p>loading…</p>
      ) : items.length === 0 ? (
        <p>Nothing waits for approval.</p>
      ) : (
        <ul className="cards">
          {items.map((item) => (
            <li
              key={`${item.run.id}-${item.environment}`}
              className="panel"
              aria-label={`Run ${item.run.id} waits for approval in ${item.environment}`}
            >
              <h2>
                <a href={`/runs/${encodeURIComponent(item.run.id)}`} onClick={linkClick}>
                  {item.run.id}
                </a>{" "}
                · approval for {item.environment}
              </h2>
              <p>
                {describeRun(item.run)} · {item.run.services.join(", ")} · requested by {item.run.actor} at{" "}
                {timeText(item.run.createdAt)}
              </p>
              <p>
                Waiting for: <strong>{item.waitingFor.join(", ") || "—"}</strong>
              </p>
              {item.decisions.length > 0 && (
                <ul>
                  {item.decisions.map((d) => (
                    <li key={`${d.actor}-${d.at}`}>
                      {d.decision === "approve" ? "approved" : "rejected"} by {d.actor} for {d.group} at{" "}
                      {timeText(d.at)}
                      {d.comment ? `: ${d.comment}` : ""}
                    </li>
                  ))}
                </ul>
              )}
              {item.mayApprove ? (
                <Decide item={item} onDecided={load} />
              ) : (
                <p className="muted">You cannot decide: {item.why}.</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
