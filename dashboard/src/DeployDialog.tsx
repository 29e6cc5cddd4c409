import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import { api } from "./api.ts";
import { linkClick, navigate } from "./router.ts";
import type { DeployTarget, RunView } from "./types.ts";

/** A modal form to deploy one service to one environment with a tag; Escape closes it. */
export function DeployDialog({
  target,
  onClose,
  onStarted,
}: {
  target: DeployTarget;
  onClose: () => void;
  onStarted: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [tag, setTag] = useState(target.cell?.tag ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    api<RunView>("POST", "/v1/runs", {
      kind: "deploy",
      environment: target.environment,
      services: [target.service],
      params: { tag: tag.trim() },
    })
      .then((run) => {
        onStarted();
        onClose();
        navigate(`/runs/${encodeURIComponent(run.id)}`);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };

  const rollout = target.cell?.rolloutInProgress;
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="deploy-title">
      <form onSubmit={submit}>
        <h2 id="deploy-title">
          Deploy {target.service} to {target.environment}
        </h2>
        <p className="muted">
          Now:{" "}
          {target.cell?.tag
            ? `tag ${target.cell.tag}, revision ${target.cell.revision}, ${target.cell.health}`
            : "not deployed"}
        </p>
        {rollout && (
          <p>
            A {rollout.kind} is in progress:{" "}
            <a
              href={`/runs/${encodeURIComponent(rollout.runId)}`}
              onClick={(e) => {
                onClose();
                linkClick(e);
              }}
            >
              run {rollout.runId}
            </a>
          </p>
        )}
        <label htmlFor="deploy-tag">Image tag</label>
        <input id="deploy-tag" value={tag} onChange={(e) => setTag(e.target.value)} required autoFocus />
        <div className="actions">
          <button type="submit" disabled={busy || tag.trim() === ""}>
            Deploy
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </dialog>
  );
}
