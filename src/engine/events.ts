/** A run's events, typed: the engine appends each as a member of the RunEvent union and reads them back as one. */
import { fromJson } from "../store/json.js";
import type { RunEventRow } from "../store/rows.js";
import { appendEvent } from "../store/runs/insert.js";
import type { Queryable } from "../store/db.js";
import type { RunEvent, RunEventBody } from "./types.js";

/** Appends an event to a run, in the caller's transaction. */
export function recordEvent(tx: Queryable, runId: string, at: number, event: RunEventBody): Promise<void> {
  return appendEvent(tx, runId, at, event.type, event.data);
}

/** A stored event as the API shows it. Only `recordEvent` writes the table, so a row is one of its members. */
export function eventView(row: RunEventRow): RunEvent {
  const head = { id: row.id, runId: row.run_id, at: row.at };
  const data: unknown = fromJson(row.data);
  switch (row.type) {
    case "run":
      return { ...head, type: "run", data: data as Extract<RunEventBody, { type: "run" }>["data"] };
    case "step":
      return { ...head, type: "step", data: data as Extract<RunEventBody, { type: "step" }>["data"] };
    default:
      return { ...head, type: "log", data: data as Extract<RunEventBody, { type: "log" }>["data"] };
  }
}
