import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { api } from "../api.ts";
import { DeployDialog } from "../DeployDialog.tsx";
import { useLiveSnapshot } from "../live.ts";
import { filterRows, matrixRows, moveInGrid, scrollToShow, visibleRange } from "../matrix-rows.ts";
import type { GridPosition, MatrixRow } from "../matrix-rows.ts";
import { columnSummary, pendingChanges, rowGlance, rowsShown, tagHues } from "../matrix-glance.ts";
import type { PendingChange, Rung, ShowMode } from "../matrix-glance.ts";
import type { DeployTarget, RunView, ServiceInfo, StatusView } from "../types.ts";
import { Cell } from "./MatrixCell.tsx";
import { MatrixFilters } from "./MatrixFilters.tsx";

const ROW_HEIGHT = 60;
const OVERSCAN = 8;
/** An environment's column is never narrower than this; the columns share the width there is. */
const CELL_MIN_REM = 7.5;

/** The service column fits the longest name (in `ch`, within bounds), so names are not cut. */
function serviceColumnCh(rows: readonly MatrixRow[]): number {
  const longest = rows.reduce((n, r) => Math.max(n, r.service.length), 10);
  return Math.min(32, longest + 3);
}

interface RowProps {
  row: MatrixRow;
  index: number;
  environments: string[];
  rungs: Rung[];
  pending: ReadonlyMap<string, PendingChange>;
  /** The column of the active cell when it is in this row, else -1. */
  activeCol: number;
  onDeploy: (t: DeployTarget) => void;
}

const Row = memo(function Row({ row, index, environments, rungs, pending, activeCol, onDeploy }: RowProps) {
  const glance = rowGlance(row, rungs, pending);
  const hues = tagHues(row);
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
          glance={glance[i]!}
          hue={row.cells[i]?.tag ? hues.get(row.cells[i].tag) : undefined}
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

/**
 * Each environment with the one it takes tags from (the platform's `from`); until that is read, or
 * if it cannot be, the rung before it in the ladder.
 */
function useRungs(environments: string[]): Rung[] {
  const [from, setFrom] = useState<Map<string, string | null> | null>(null);
  useEffect(() => {
    api<{ name: string; from: string | null }[]>("GET", "/v1/platform/environments")
      .then((list) => setFrom(new Map(list.map((e) => [e.name, e.from]))))
      .catch(() => undefined);
  }, []);
  return useMemo(
    () =>
      environments.map((name, i) => ({
        name,
        from: from === null ? (i > 0 ? environments[i - 1]! : null) : (from.get(name) ?? null),
      })),
    [environments, from],
  );
}

/** What waits or runs to change a cell: the unfinished runs among the newest hundred, live. */
function usePending(): Map<string, PendingChange> {
  const { value: runs } = useLiveSnapshot<RunView[]>("/v1/runs/events?limit=100", "runs", "/v1/runs?limit=100");
  return useMemo(() => pendingChanges(runs ?? []), [runs]);
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
  const [show, setShow] = useState<ShowMode>("all");
  const [target, setTarget] = useState<DeployTarget | null>(null);
  const viewport = useViewport();

  const environments = useMemo(() => status?.environments.map((e) => e.environment) ?? [], [status]);
  const rows = useMemo(() => (status ? matrixRows(status, stacks) : []), [status, stacks]);
  const rungs = useRungs(environments);
  const pending = usePending();
  const shown = useMemo(
    () => rowsShown(filterRows(rows, stack, search), show, rungs, pending),
    [rows, stack, search, show, rungs, pending],
  );
  const serviceCh = useMemo(() => serviceColumnCh(rows), [rows]);
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
        <MatrixFilters
          stackNames={stackNames}
          stack={stack}
          onStack={setStack}
          show={show}
          onShow={setShow}
          search={search}
          onSearch={setSearch}
        />
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
          style={{ minWidth: `calc(${serviceCh}ch + ${environments.length * CELL_MIN_REM}rem)` }}
        >
          <colgroup>
            <col style={{ width: `${serviceCh}ch` }} />
            {environments.map((e) => (
              <col key={e} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" className="service">
                service
              </th>
              {environments.map((e, i) => (
                <th scope="col" key={e}>
                  {e}
                  <span className="column-summary" data-testid={`summary-${e}`}>
                    {columnSummary(rows, i, e, pending)}
                  </span>
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
                rungs={rungs}
                pending={pending}
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
