/**
 * What the matrix shows at a glance, pure: which environments run the same tag (a colour per tag
 * of a row), which cell is ahead of the rung that takes from it, and what waits to change a cell
 * (a deploy, a promotion into it, a rollback...). The page only draws it.
 */
import type { MatrixRow } from "./matrix-rows.ts";
import type { RunView, ServiceStatus } from "./types.ts";

/** What the matrix knows of a rung: its name and the environment it takes tags from. */
export interface Rung {
  name: string;
  from: string | null;
}

/** A run that is to change one cell and has not finished: what it brings and why it has not yet. */
export interface PendingChange {
  runId: string;
  kind: string;
  status: string;
  tag: string | null;
  /** The kind of what it waits for (approval, window, lock, analysis...), or null when it does not wait. */
  waitingFor: string | null;
}

/** A cell's relations to the rungs around it. */
export interface CellGlance {
  /** Rungs that take from this one and do not run its tag (a promotion would change them). */
  aheadOf: string[];
  /** This rung's source when that runs another tag: what a promotion would bring here. */
  behind: { environment: string; tag: string } | null;
  pending: PendingChange | null;
}

const UNFINISHED = new Set(["queued", "running", "waiting"]);

/** The environments a run changes: a promotion's targets, otherwise its own environment. */
export function environmentsChanged(run: RunView): string[] {
  const to = run.request.params.to;
  if (run.kind === "promote") return Array.isArray(to) ? to.map(String) : typeof to === "string" ? [to] : [];
  return [run.environment];
}

/**
 * The oldest unfinished run to change each cell, keyed `environment/service`. A promotion shows in
 * the environments it goes to, not the one it takes the tag from.
 */
export function pendingChanges(runs: readonly RunView[]): Map<string, PendingChange> {
  const byCell = new Map<string, PendingChange>();
  const oldestFirst = runs.filter((r) => UNFINISHED.has(r.status)).sort((a, b) => a.createdAt - b.createdAt);
  for (const run of oldestFirst) {
    const tag = run.request.params.tag;
    const change: PendingChange = {
      runId: run.id,
      kind: run.kind,
      status: run.status,
      tag: typeof tag === "string" ? tag : null,
      waitingFor: run.status === "waiting" ? (run.waitReason?.kind ?? null) : null,
    };
    for (const environment of environmentsChanged(run))
      for (const service of run.services) {
        const key = `${environment}/${service}`;
        if (!byCell.has(key)) byCell.set(key, change);
      }
  }
  return byCell;
}

const tagOf = (cell: ServiceStatus | undefined): string | null => (cell?.revision == null ? null : cell.tag);

/** Each cell of a row with what runs ahead of and behind it, and what waits to change it. */
export function rowGlance(
  row: MatrixRow,
  rungs: readonly Rung[],
  pending: ReadonlyMap<string, PendingChange>,
): CellGlance[] {
  const index = new Map(rungs.map((r, i) => [r.name, i]));
  return rungs.map((rung, i) => {
    const tag = tagOf(row.cells[i]);
    const aheadOf =
      tag === null
        ? []
        : rungs.filter((next, j) => next.from === rung.name && tagOf(row.cells[j]) !== tag).map((next) => next.name);
    const source = rung.from === null ? undefined : index.get(rung.from);
    const sourceTag = source === undefined ? null : tagOf(row.cells[source]);
    return {
      aheadOf,
      behind: sourceTag !== null && sourceTag !== tag ? { environment: rung.from!, tag: sourceTag } : null,
      pending: pending.get(`${rung.name}/${row.service}`) ?? null,
    };
  });
}

/** How many colours tags cycle through (see `.tag-hue-N` in styles.css). */
export const TAG_HUES = 6;

/**
 * A colour for each tag of a row, in the order the tags first appear along the ladder: cells that
 * run the same tag share a colour, so where a tag has got to is seen without reading.
 */
export function tagHues(row: MatrixRow): Map<string, number> {
  const hues = new Map<string, number>();
  for (const cell of row.cells) {
    const tag = tagOf(cell);
    if (tag !== null && !hues.has(tag)) hues.set(tag, hues.size % TAG_HUES);
  }
  return hues;
}

export const SHOW_MODES = ["all", "deployed", "changing"] as const;
export type ShowMode = (typeof SHOW_MODES)[number];

export const SHOW_LABELS: Record<ShowMode, string> = {
  all: "all services",
  deployed: "deployed somewhere",
  changing: "waiting or in progress",
};

/** The rows a "show" choice keeps: every one, those deployed somewhere, or those a run is changing. */
export function rowsShown(
  rows: MatrixRow[],
  mode: ShowMode,
  rungs: readonly Rung[],
  pending: ReadonlyMap<string, PendingChange>,
): MatrixRow[] {
  switch (mode) {
    case "all":
      return rows;
    case "deployed":
      return rows.filter((row) => row.cells.some((c) => tagOf(c) !== null));
    case "changing":
      return rows.filter(
        (row) =>
          row.cells.some((c) => c?.rolloutInProgress) || rungs.some((r) => pending.has(`${r.name}/${row.service}`)),
      );
  }
}

/** One line per environment for its column's header: how many services run there, and how many change. */
export function columnSummary(
  rows: readonly MatrixRow[],
  column: number,
  environment: string,
  pending: ReadonlyMap<string, PendingChange>,
): string {
  let deployed = 0;
  let changing = 0;
  for (const row of rows) {
    if (tagOf(row.cells[column]) !== null) deployed++;
    if (row.cells[column]?.rolloutInProgress || pending.has(`${environment}/${row.service}`)) changing++;
  }
  return `${deployed} running${changing > 0 ? ` · ${changing} changing` : ""}`;
}
