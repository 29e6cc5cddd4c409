/** The status matrix reshaped for the table: one row per service, one cell per environment, filtered. */
import type { ServiceStatus, StatusView } from "./types.ts";

export interface MatrixRow {
  service: string;
  stack: string | undefined;
  /** In the order of `environments`; undefined where the environment does not have the service. */
  cells: (ServiceStatus | undefined)[];
}

export function matrixRows(status: StatusView, stacks: ReadonlyMap<string, string>): MatrixRow[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const byEnvironment = status.environments.map((environment) => {
    const cells = new Map<string, ServiceStatus>();
    for (const s of environment.services) {
      cells.set(s.service, s);
      if (!seen.has(s.service)) {
        seen.add(s.service);
        order.push(s.service);
      }
    }
    return cells;
  });
  return order.map((service) => ({
    service,
    stack: stacks.get(service),
    cells: byEnvironment.map((cells) => cells.get(service)),
  }));
}

export function filterRows(rows: MatrixRow[], stack: string, search: string): MatrixRow[] {
  const needle = search.trim().toLowerCase();
  if (stack === "" && needle === "") return rows;
  return rows.filter(
    (row) =>
      (stack === "" || row.stack === stack) &&
      (needle === "" ||
        row.service.toLowerCase().includes(needle) ||
        row.cells.some((c) => c?.tag?.toLowerCase().includes(needle))),
  );
}

/** The rows a scrolled window shows, with a few more on each side so fast scrolling shows no gap. */
export function visibleRange(
  count: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  overscan = 8,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last };
}

export interface GridPosition {
  row: number;
  col: number;
}

/**
 * Where a key moves the focused cell in a grid of `rows` × `cols` showing `page` rows at a time,
 * as in a spreadsheet: arrows by one, Home and End to the row's first and last cell (with Ctrl, to
 * the first and last row), PageUp and PageDown by a screen. Null for a key that does not move it.
 */
export function moveInGrid(
  at: GridPosition,
  key: string,
  ctrl: boolean,
  rows: number,
  cols: number,
  page: number,
): GridPosition | null {
  if (rows === 0 || cols === 0) return null;
  const clamp = (row: number, col: number): GridPosition => ({
    row: Math.max(0, Math.min(rows - 1, row)),
    col: Math.max(0, Math.min(cols - 1, col)),
  });
  const step = Math.max(1, page);
  switch (key) {
    case "ArrowUp":
      return clamp(at.row - 1, at.col);
    case "ArrowDown":
      return clamp(at.row + 1, at.col);
    case "ArrowLeft":
      return clamp(at.row, at.col - 1);
    case "ArrowRight":
      return clamp(at.row, at.col + 1);
    case "Home":
      return ctrl ? clamp(0, 0) : clamp(at.row, 0);
    case "End":
      return ctrl ? clamp(rows - 1, cols - 1) : clamp(at.row, cols - 1);
    case "PageUp":
      return clamp(at.row - step, at.col);
    case "PageDown":
      return clamp(at.row + step, at.col);
    default:
      return null;
  }
}

/** The scroll position that brings a row fully into view below a sticky header, or the same one when it is already in view. */
export function scrollToShow(
  row: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  headerHeight: number,
): number {
  const top = row * rowHeight;
  if (top < scrollTop) return top;
  const visibleBottom = scrollTop + viewportHeight - headerHeight;
  if (top + rowHeight > visibleBottom) return top + rowHeight - (viewportHeight - headerHeight);
  return scrollTop;
}
