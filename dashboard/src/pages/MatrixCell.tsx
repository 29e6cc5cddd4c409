import { memo } from "react";
import type { CellGlance, PendingChange } from "../matrix-glance.ts";
import type { DeployTarget, ServiceStatus } from "../types.ts";

const HEALTH_TEXT: Record<string, string> = {
  healthy: "healthy",
  degraded: "degraded",
  down: "down",
  "not-deployed": "not deployed",
  unknown: "unknown",
};

/** "promotion of v1.2.0 waits for approval", "deploy of v2 running". */
export function pendingText(p: PendingChange): string {
  const what = p.kind === "promote" ? "promotion" : p.kind;
  const of = p.tag === null ? "" : ` of ${p.tag}`;
  return `${what}${of} ${p.waitingFor !== null ? `waits for ${p.waitingFor}` : p.status}`;
}

export function cellLabel(
  environment: string,
  service: string,
  cell: ServiceStatus | undefined,
  glance: CellGlance,
): string {
  const extra = [
    glance.aheadOf.length > 0 ? `ahead of ${glance.aheadOf.join(", ")}` : "",
    glance.behind ? `${glance.behind.environment} runs ${glance.behind.tag}` : "",
    glance.pending ? `${pendingText(glance.pending)} (run ${glance.pending.runId})` : "",
  ]
    .filter((s) => s !== "")
    .map((s) => `; ${s}`)
    .join("");
  if (cell === undefined || cell.revision === null)
    return `${service} in ${environment}: not deployed${extra}. Deploy…`;
  const rollout = cell.rolloutInProgress ? `, ${cell.rolloutInProgress.kind} in progress` : "";
  return `${service} in ${environment}: tag ${cell.tag}, revision ${cell.revision}, ${HEALTH_TEXT[cell.health]}${rollout}${extra}. Deploy…`;
}

interface CellProps {
  environment: string;
  service: string;
  cell: ServiceStatus | undefined;
  glance: CellGlance;
  /** The colour of the cell's tag among the row's tags (`tag-hue-N`). */
  hue: number | undefined;
  /** The one cell reached by Tab; arrows move from it (roving tabindex). */
  active: boolean;
  row: number;
  col: number;
  onDeploy: (t: DeployTarget) => void;
}

/**
 * One environment × service: the tag in its colour (the same tag, the same colour along the row),
 * revision and health, and a third line for what is about to change here (a run that waits or
 * runs) or, failing that, the rungs this one is ahead of. An empty cell stays quiet.
 */
export const Cell = memo(function Cell(props: CellProps) {
  const { environment, service, cell, glance, hue, active, row, col, onDeploy } = props;
  const deployed = cell !== undefined && cell.revision !== null;
  const health = cell?.health ?? "not-deployed";
  const { pending } = glance;
  return (
    <td className="cell">
      <button
        type="button"
        className={`cell-button health-${health}${deployed ? "" : " empty"}`}
        aria-label={cellLabel(environment, service, cell, glance)}
        title={cellLabel(environment, service, cell, glance)}
        tabIndex={active ? 0 : -1}
        data-row={row}
        data-col={col}
        onClick={() => onDeploy({ environment, service, cell })}
      >
        {deployed ? (
          <span className={`tag tag-hue-${hue ?? 0}`}>{cell.tag}</span>
        ) : (
          <span className="tag none" aria-hidden="true">
            ·
          </span>
        )}
        {deployed && (
          <span className="meta">
            <span className="dot" aria-hidden="true" />r{cell.revision} {HEALTH_TEXT[health]}
            {cell.rolloutInProgress && <span className="rollout"> ⟳</span>}
          </span>
        )}
        {pending ? (
          <span className={`note pending${pending.waitingFor !== null ? " waits" : ""}`} data-testid="cell-pending">
            → {pending.tag ?? pending.kind}{" "}
            {pending.waitingFor !== null ? `waits: ${pending.waitingFor}` : pending.status}
          </span>
        ) : (
          glance.aheadOf.length > 0 && (
            <span className="note ahead" data-testid="cell-ahead">
              ▸ ahead of {glance.aheadOf.join(", ")}
            </span>
          )
        )}
      </button>
    </td>
  );
});
