import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { api } from "../api.ts";
import { DeployDialog } from "../DeployDialog.tsx";
import { useLiveSnapshot } from "../live.ts";
import { filterRows, matrixRows, visibleRange } from "../matrix-rows.ts";
import type { MatrixRow } from "../matrix-rows.ts";
import type { DeployTarget, ServiceInfo, ServiceStatus, StatusView } from "../types.ts";

const ROW_HEIGHT = 48;
const OVERSCAN = 8;
/** Column widths: twelve environments fit a 1440-pixel laptop screen. */
const SERVICE_REM = 12;
const CELL_REM = 6.8;
const HEALTH_TEXT: Record<string, string> = { healthy: "healthy", degraded: "degraded", down: "down", "not-deployed": "not deployed", unknown: "unknown" };

function cellLabel(environment: string, service: string, cell: ServiceStatus | undefined): string {
  if (cell === undefined || cell.revision === null) return `${service} in ${environment}: not deployed. Deploy…`;
  const rollout = cell.rolloutInProgress ? `, ${cell.rolloutInProgress.kind} in progress` : "";
  return `${service} in ${environment}: tag ${cell.tag}, revision ${cell.revision}, ${HEALTH_TEXT[cell.health]}${rollout}. Deploy…`;
}

const Cell = memo(function Cell({ environment, service, cell, onDeploy }: { environment: string; service: string; cell: ServiceStatus | undefined; onDeploy: (t: DeployTarget) => void }) {
  const health = cell?.health ?? "not-deployed";
  return (
    <td className="cell">
      <button type="button" className={`cell-button health-${health}`} aria-label={cellLabel(environment, service, cell)} onClick={() => onDeploy({ environment, service, cell })}>
        <span className="tag">{cell?.tag ?? "—"}</span>
        <span className="meta">
          <span className="dot" aria-hidden="true" />
          {cell?.revision != null ? `r${cell.revision} ` : ""}
          {HEALTH_TEXT[health]}
          {cell?.rolloutInProgress && (
            <span className="rollout" title={`${cell.rolloutInProgress.kind} ${cell.rolloutInProgress.status}: run ${cell.rolloutInProgress.runId}`}>
              {" "}
              ⟳
            </span>
          )}
        </span>
      </button>
    </td>
  );
});

const Row = memo(function Row({ row, index, environments, onDeploy }: { row: MatrixRow; index: number; environments: string[]; onDeploy: (t: DeployTarget) => void }) {
  return (
    <tr aria-rowindex={index + 2} style={{ height: ROW_HEIGHT }}>
      <th scope="row" className="service">
        <span title={row.service}>{row.service}</span>
        {row.stack && <span className="muted small">{row.stack}</span>}
      </th>
      {environments.map((environment, i) => (
        <Cell key={environment} environment={environment} service={row.service} cell={row.cells[i]} onDeploy={onDeploy} />
      ))}
    </tr>
  );
});

/** Stacks come from the platform's service list; without it the matrix works, only unfiltered by stack. */
function useStacks(): Map<string, string> {
  const [stacks, setStacks] = useState(new Map<string, string>());
  useEffect(() => {
    api<ServiceInfo[]>("GET", "/v1/platform/services")
      .then((list) => setStacks(new Map(list.map((s) => [s.name, s.stack]))))
      .catch(() => undefined);
  }, []);
  return stacks;
}

/** Keeps the scroll position and the viewport's height of the scrolling body, once per frame. */
function useViewport(): { ref: React.RefObject<HTMLDivElement | null>; scrollTop: number; height: number; onScroll: () => void } {
  const ref = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const frame = useRef(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const onScroll = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(ref.current?.scrollTop ?? 0));
  }, []);
  return { ref, scrollTop, height, onScroll };
}

export function Matrix() {
  const { value: status, error, live, reload: refresh } = useLiveSnapshot<StatusView>("/v1/status/events", "status", "/v1/status");
  const stacks = useStacks();
  const [stack, setStack] = useState("");
  const [search, setSearch] = useState("");
  const [target, setTarget] = useState<DeployTarget | null>(null);
  const viewport = useViewport();

  const environments = useMemo(() => status?.environments.map((e) => e.environment) ?? [], [status]);
  const rows = useMemo(() => (status ? matrixRows(status, stacks) : []), [status, stacks]);
  const shown = useMemo(() => filterRows(rows, stack, search), [rows, stack, search]);
  const stackNames = useMemo(() => [...new Set(stacks.values())].sort(), [stacks]);
  const { first, last } = visibleRange(shown.length, viewport.scrollTop, viewport.height, ROW_HEIGHT, OVERSCAN);
  // Rows are keyed by their slot in the window: a row scrolled in reuses the DOM of one scrolled out.
  const slots = Math.ceil(viewport.height / ROW_HEIGHT) + 2 * OVERSCAN + 2;
  const onDeploy = useCallback((t: DeployTarget) => setTarget(t), []);
  const rolling = useMemo(() => rows.reduce((n, r) => n + r.cells.filter((c) => c?.rolloutInProgress).length, 0), [rows]);

  return (
    <section className="matrix-page">
      <div className="toolbar">
        <h1>Matrix</h1>
        <label>
          Stack{" "}
          <select value={stack} onChange={(e) => setStack(e.target.value)} disabled={stackNames.length === 0}>
            <option value="">all stacks</option>
            {stackNames.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search{" "}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="service or tag" />
        </label>
        <span className="muted" aria-live="polite">
          {status ? `${shown.length} of ${rows.length} services × ${environments.length} environments${rolling ? ` · ${rolling} rollouts in progress` : ""}${live ? " · live updates" : ""}` : "loading…"}
        </span>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="matrix-scroll" ref={viewport.ref} onScroll={viewport.onScroll}>
        <table className="matrix" aria-rowcount={shown.length + 1} aria-label="Environments × services" style={{ width: `${SERVICE_REM + environments.length * CELL_REM}rem` }}>
          <colgroup>
            <col style={{ width: `${SERVICE_REM}rem` }} />
            {environments.map((e) => (
              <col key={e} style={{ width: `${CELL_REM}rem` }} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" className="service">
                service
              </th>
              {environments.map((e) => (
                <th scope="col" key={e}>
                  {e}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 && <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }} />}
            {shown.slice(first, last).map((row, i) => (
              <Row key={(first + i) % slots} row={row} index={first + i} environments={environments} onDeploy={onDeploy} />
            ))}
            {last < shown.length && <tr aria-hidden="true" style={{ height: (shown.length - last) * ROW_HEIGHT }} />}
          </tbody>
        </table>
      </div>
      {target && <DeployDialog target={target} onClose={() => setTarget(null)} onStarted={refresh} />}
    </section>
  );
}
