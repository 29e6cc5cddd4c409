/** Run ids: new ones, and ones made from a key (scheduled work submitted once across servers). */
import { createHash, randomBytes } from "node:crypto";

let lastMs = -1;
let sequence = 0;

/**
 * Sortable by creation, unguessable: "r" + base36 milliseconds + a per-millisecond sequence +
 * random characters. Runs created in one millisecond by this server sort in creation order.
 */
export function newRunId(nowMs: number): string {
  sequence = nowMs === lastMs ? sequence + 1 : 0;
  lastMs = nowMs;
  const random = randomBytes(6)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "0");
  return `r${nowMs.toString(36).padStart(9, "0")}${sequence.toString(36).padStart(3, "0")}${random}`;
}

/** A run id made from a key: the same key always gives the same id, sorted at `atMs`. */
export function keyedRunId(key: string, atMs: number): string {
  const digest = BigInt(`0x${createHash("sha256").update(key).digest("hex").slice(0, 16)}`)
    .toString(36)
    .padStart(11, "0")
    .slice(0, 11);
  return `r${atMs.toString(36).padStart(9, "0")}${digest}`;
}
