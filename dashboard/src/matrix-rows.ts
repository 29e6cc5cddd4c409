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
  return order.map((service) => ({ service, stack: stacks.get(service), cells: byEnvironment.map((cells) => cells.get(service)) }));
}

export function filterRows(rows: MatrixRow[], stack: string, search: string): MatrixRow[] {
  const needle = search.trim().toLowerCase();
  if (stack === "" && needle === "") return rows;
  return rows.filter(
    (row) =>
      (stack === "" || row.stack === stack) &&
      (needle === "" || row.service.toLowerCase().includes(needle) || row.cells.some((c) => c?.tag?.toLowerCase().includes(needle))),
  );
}

/** The rows a scrolled window shows, with a few more on each side so fast scrolling shows no gap. */
export function visibleRange(count: number, scrollTop: number, viewportHeight: number, rowHeight: number, overscan = 8): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last };
}
