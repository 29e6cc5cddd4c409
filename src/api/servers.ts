import type { Queryable } from "../store/db.js";
import type { ServerRow } from "../store/rows.js";
import { leasesByServer, listServers } from "../store/servers/servers.js";
import type { ServerLeases } from "../store/servers/servers.js";
import type { ServerView } from "./server-schemas.js";

/** A server is missing when not heard of for its lease and two heartbeats more. */
const GRACE_MS = 2000;

/** A server's row as the API shows it at `now`. */
export function serverOf(
  row: ServerRow,
  leases: ServerLeases | undefined,
  now: number,
  self: string | undefined,
): ServerView {
  const state =
    row.stopped_at !== null ? "stopped" : now - row.heartbeat_at <= row.lease_ms + GRACE_MS ? "alive" : "missing";
  return {
    id: row.id,
    host: row.host,
    pid: row.pid,
    version: row.version,
    schemaVersion: row.schema_version,
    leaseMs: row.lease_ms,
    startedAt: row.started_at,
    heartbeatAt: row.heartbeat_at,
    stoppedAt: row.stopped_at,
    state,
    runsHeld: leases?.held ?? 0,
    nextLeaseExpiry: leases?.nextExpiry ?? null,
    self: row.id === self,
  };
}

/** Every server sharing the database, as `GET /v1/servers` and `/metrics` show them. */
export async function readServers(db: Queryable, now: number, self: string | undefined): Promise<ServerView[]> {
  const [rows, leases] = await Promise.all([listServers(db), leasesByServer(db, now)]);
  return rows.map((row) => serverOf(row, leases.get(row.id), now, self));
}
