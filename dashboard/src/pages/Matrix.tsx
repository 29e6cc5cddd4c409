import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { api } from "../api.ts";
import { DeployDialog } from "../DeployDialog.tsx";
import { useLiveSnapshot } from "../live.ts";
import { filterRows, matrixRows, moveInGrid, scrollToShow, visibleRange } from "../matrix-rows.ts";
import type { GridPosition, MatrixRow } from "../matrix-rows.ts";
import type { DeployTarget, ServiceInfo, ServiceStatus, StatusView } from "../types.ts";

const ROW_HEIGHT = 48;
const OVERSCAN = 8;
/** Column widths: twelve environments fit a 1440-pixel laptop screen. */
const SERVICE_REM = 12;
const CELL_REM = 6.8;
const HEALTH_TEXT: Record<string, string> = {
  healthy: "healthy",
  degraded: "degraded",
  down: "down",
  "not-deployed": "not deployed",
  unknown: "unknown",
};

function cellLabel(environment: string, service: string, cell: ServiceStatus | undefined): string {
  if (cell === undefined || cell.revision === null) return `${service} in ${environment}: not deployed. Deploy…`;
  const rollout = cell.rolloutInProgress ? `, ${cell.rolloutInProgress.kind} in progress` : "";
  return `${service} in ${environment}: tag ${cell.tag}, revision ${cell.revision}, ${HEALTH_TEXT[cell.health]}${rollout}. Deploy…`;
}

interface CellProps {
  environment: string;
  service: string;
  cell: ServiceStatus | undefined;
  /** The one cell reached by Tab; arrows move from it (roving tabindex). */
  active: boolean;
  row: number;
  col: number;
  onDeploy: (t: DeployTarget) => void;
}

const Cell = memo(function Cell({ environment, service, cell, active, row, col, onDeploy }: CellProps) {
  const health = cell?.health ?? "not-deployed";
  return (
    <td className="cell">
      <button
        type="button"
        className={`cell-button health-${health}`}
        aria-label={cellLabel(environment, service, cell)}
        tabIndex={active ? 0 : -1}
        data-row={row}
        data-col={col}
        onClick={() => onDeploy({ environment, service, cell })}
      >
        <span className="tag">{cell?.tag ?? "—"}</span>
        <span className="meta">
          <span className="dot" aria-hidden="true" />
          {cell?.revision != null ? `r${cell.revision} ` : ""}
          {HEALTH_TEXT[health]}
          {cell?.rolloutInProgress && (
            <span
              className="rollout"
              title={`${cell.rolloutInProgress.kind} ${cell.rolloutInProgress.status}: run ${cell.rolloutInProgress.runId}`}
            >
              {" "}
              ⟳
            </span>
          )}
        </span>
      </button>
    </td>
  );
});

interface RowProps {
  row: MatrixRow;
  index: number;
  environments: string[];
  /** The column of the active cell when it is in this row, else -1. */
  activeCol: number;
  onDeploy: (t: DeployTarget) => void;
}

const Row = memo(function Row({ row, index, environments, activeCol, onDeploy }: RowProps) {
  return (
    <tr aria-rowindex={index + 2} style={{ height: ROW_HEIGHT }}>
      <th scope="row" className="service">
        <span title={row.service}>{row.service}</span>
        {row.stack && <span className="muted small">{row.stack}</span>}
      </th>
      {environments.map((environment, i) => (
        <Cell
          key={environment}
          environment={environment}
          service={row.service}
          cell={row.cells[i]}
          active={i === activeCol}
          row={index}
          col={i}
          onDeploy={onDeploy}
        />
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
function useViewport(): {
  ref: React.RefObject<HTMLDivElement | null>;
  scrollTop: number;
  height: number;
  onScroll: () => void;
} {
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

/**
 * Keyboard movement over the matrix's cells (roving tabindex). The grid is windowed, so a move to
 * a row out of view scrolls to it first and focuses the cell once it is drawn.
 */
function useGridKeys(viewport: ReturnType<typeof useViewport>, rows: number, cols: number) {
  const [cursor, setCursor] = useState<GridPosition>({ row: 0, col: 0 });
  const pending = useRef(false);
  // A filter that shortens the list keeps the cursor on a row that exists.
  const clamped = {
    row: Math.min(cursor.row, Math.max(0, rows - 1)),
    col: Math.min(cursor.col, Math.max(0, cols - 1)),
  };
  useEffect(() => {
    if (!pending.current) return;
    const button = viewport.ref.current?.querySelector<HTMLButtonElement>(
      `button[data-row="${clamped.row}"][data-col="${clamped.col}"]`,
    );
    if (button) {
      pending.current = false;
      button.focus({ preventScroll: true });
    }
  });
  const onKeyDown = useCallback(
    (event: React.KeyboardEvent) => {
      const element = viewport.ref.current;
      if (element === null || !(event.target instanceof HTMLButtonElement) || event.target.dataset.row === undefined)
        return;
      const from = { row: Number(event.target.dataset.row), col: Number(event.target.dataset.col) };
      const header = element.querySelector("thead")?.clientHeight ?? 0;
      const page = Math.max(1, Math.floor((element.clientHeight - header) / ROW_HEIGHT) - 1);
      const next = moveInGrid(from, event.key, event.ctrlKey || event.metaKey, rows, cols, page);
      if (next === null) return;
      event.preventDefault();
      element.scrollTop = scrollToShow(next.row, element.scrollTop, element.clientHeight, ROW_HEIGHT, header);
      viewport.onScroll();
      pending.current = true;
      setCursor(next);
    },
    [viewport, rows, cols],
  );
  // A click or Tab onto a cell makes it the one Tab comes back to.
  const onFocus = useCallback((event: React.FocusEvent) => {
    const target = event.target;
    if (target instanceof HTMLButtonElement && target.dataset.row !== undefined) {
      const at = { row: Number(target.dataset.row), col: Number(target.dataset.col) };
      setCursor((c) => (c.row === at.row && c.col === at.col ? c : at));
    }
  }, []);
  return { cursor: clamped, onKeyDown, onFocus };
}

export function Matrix() {
  const {
    value: status,
    error,
    live,
    reload: refresh,
  } = useLiveSnapshot<StatusView>("/v1/status/events", "status", "/v1/status");
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
  const rolling = useMemo(
    () => rows.reduce((n, r) => n + r.cells.filter((c) => c?.rolloutInProgress).length, 0),
    [rows],
  );
  const keys = useGridKeys(viewport, shown.length, environments.length);
  const cursor = keys.cursor;

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
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="service or tag"
          />
        </label>
        <span className="muted" aria-live="polite">
          {status
            ? `${shown.length} of ${rows.length} services × ${environments.length} environments${rolling ? ` · ${rolling} ${rolling === 1 ? "rollout" : "rollouts"} in progress` : ""}${live ? " · live updates" : ""}`
            : "loading…"}
        </span>
      </div>
      <p id="matrix-keys" className="muted small">
        Tab reaches one cell; the arrow keys, Home, End, Page Up and Page Down move between cells; Enter opens the
        deploy dialog.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="matrix-scroll" ref={viewport.ref} onScroll={viewport.onScroll}>
        <table
          className="matrix"
          role="grid"
          aria-rowcount={shown.length + 1}
          aria-label="Environments × services"
          aria-describedby="matrix-keys"
          onKeyDown={keys.onKeyDown}
          onFocus={keys.onFocus}
          style={{ width: `${SERVICE_REM + environments.length * CELL_REM}rem` }}
        >
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
              <Row
                key={(first + i) % slots}
                row={row}
                index={first + i}
                environments={environments}
                activeCol={first + i === cursor.row ? cursor.col : -1}
                onDeploy={onDeploy}
              />
            ))}
            {last < shown.length && <tr aria-hidden="true" style={{ height: (shown.length - last) * ROW_HEIGHT }} />}
          </tbody>
        </table>
      </div>
      {target && <DeployDialog target={target} onClose={() => setTarget(null)} onStarted={refresh} />}
    </section>
  );
}
