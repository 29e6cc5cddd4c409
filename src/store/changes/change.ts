import { isKind } from "../../kind.js";

/**
 * What the servers sharing a database tell each other: that something changed, never what. A
 * listener reads what it shows again; a change lost on the way is found by its next re-read.
 */

export const CHANGE_KINDS = ["run", "ready", "platform", "resync"] as const;

export type Change =
  /** A run was submitted, moved on, logged, decided or ended: its events and views may differ. */
  | { kind: "run"; runId: string }
  /** A run may be claimable now (queued, woken from a wait, handed back): workers should look. */
  | { kind: "ready" }
  /** A platform version was stored: servers should swap it in. */
  | { kind: "platform" }
  /** Changes may have been missed (the feed was cut off and is back): read everything again. Never sent. */
  | { kind: "resync" };

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; a batch is split well below it. */
export const MAX_PAYLOAD_BYTES = 7_000;

/** One change as a short string, equal for equal changes: what batches are deduplicated by. */
export function changeKey(change: Change): string {
  return isKind(change, "run") ? `run:${change.runId}` : change.kind;
}

/**
 * The NOTIFY payloads of a batch: `{"from":ORIGIN,"changes":["run:ID","ready",…]}`, each under
 * MAX_PAYLOAD_BYTES. A resync is never sent: each server decides it for itself.
 */
export function encodeChanges(origin: string, changes: Iterable<Change>): string[] {
  const keys = [...new Set([...changes].filter((c) => !isKind(c, "resync")).map(changeKey))];
  const payloads: string[] = [];
  let batch: string[] = [];
  let size = 0;
  const head = Buffer.byteLength(JSON.stringify({ from: origin, changes: [] }));
  for (const key of keys) {
    const cost = Buffer.byteLength(JSON.stringify(key)) + 1;
    if (batch.length > 0 && head + size + cost > MAX_PAYLOAD_BYTES) {
      payloads.push(JSON.stringify({ from: origin, changes: batch }));
      batch = [];
      size = 0;
    }
    batch.push(key);
    size += cost;
  }
  if (batch.length > 0) payloads.push(JSON.stringify({ from: origin, changes: batch }));
  return payloads;
}

/**
 * A payload read back: who sent it and its changes. A payload that is not one (another program on
 * the channel, a newer server's kind) yields what it can and no more: it is never an error.
 */
export function decodeChanges(payload: string): { from: string; changes: Change[] } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { from, changes } = value as { from?: unknown; changes?: unknown };
  if (typeof from !== "string" || !Array.isArray(changes)) return undefined;
  const out: Change[] = [];
  for (const key of changes) {
    if (key === "ready") out.push({ kind: "ready" });
    else if (key === "platform") out.push({ kind: "platform" });
    else if (typeof key === "string" && key.startsWith("run:") && key.length > 4)
      out.push({ kind: "run", runId: key.slice(4) });
  }
  return { from, changes: out };
}
