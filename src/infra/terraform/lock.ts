import type { Diagnostic } from "./diagnostics.js";

/** Who holds a state lock, as terraform reports it (its `statemgr.LockInfo`). */
export interface LockInfo {
  id: string;
  /** The state the lock is on, as the backend names it. */
  path: string;
  /** terraform's operation type, e.g. `OperationTypeApply`. */
  operation: string;
  /** `user@host` of the holder. */
  who: string;
  /** The holder's terraform version. */
  version: string;
  /** When the lock was taken, ISO 8601; the text as given when terraform's format is not recognised. */
  created: string;
  info: string;
}

const LOCK_SUMMARY = "Error acquiring the state lock";
const FIELDS = {
  ID: "id",
  Path: "path",
  Operation: "operation",
  Who: "who",
  Version: "version",
  Created: "created",
  Info: "info",
} as const;
type Field = keyof typeof FIELDS;

/** Go's `time.Time.String()` (`2026-12-05 12:20:47.852837686 +0000 UTC`) as ISO 8601 in UTC. */
export function goTimeToIso(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? ([+-]\d{2})(\d{2})/.exec(text.trim());
  if (!m) return text.trim();
  const fraction = (m[3] ?? ".0").slice(0, 4).padEnd(4, "0");
  const ms = Date.parse(`${m[1]}T${m[2]}${fraction}${m[4]}:${m[5]}`);
  return Number.isNaN(ms) ? text.trim() : new Date(ms).toISOString();
}

/**
 * The lock holder from terraform's "Error acquiring the state lock" diagnostic. Its detail carries the
 * lock as the fixed `Lock Info:` block every backend prints (`ID:`, `Path:`, `Operation:`, `Who:`,
 * `Version:`, `Created:`, `Info:`); null when the diagnostic is another one or carries no lock ID.
 */
export function lockInfoFrom(diagnostic: Diagnostic): LockInfo | null {
  if (diagnostic.summary !== LOCK_SUMMARY) return null;
  const lines = diagnostic.detail.split("\n");
  const start = lines.findIndex((l) => l.trim() === "Lock Info:");
  if (start < 0) return null;
  const found: Partial<Record<(typeof FIELDS)[Field], string>> = {};
  for (const line of lines.slice(start + 1)) {
    const m = /^\s+(\w+):\s*(.*)$/.exec(line);
    if (!m) break;
    const key = m[1] as string;
    if (key in FIELDS) found[FIELDS[key as Field]] = (m[2] ?? "").trim();
  }
  if (!found.id) return null;
  return {
    id: found.id,
    path: found.path ?? "",
    operation: found.operation ?? "",
    who: found.who ?? "",
    version: found.version ?? "",
    created: goTimeToIso(found.created ?? ""),
    info: found.info ?? "",
  };
}

/** The first lock holder named among diagnostics. */
export function lockInfoAmong(diagnostics: readonly Diagnostic[]): LockInfo | null {
  for (const d of diagnostics) {
    const lock = lockInfoFrom(d);
    if (lock) return lock;
  }
  return null;
}
