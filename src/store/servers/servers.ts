import type { Queryable } from "../db.js";
import type { ServerRow } from "../rows.js";

export interface ServerRecord {
  id: string;
  host: string;
  pid: number;
  version: string;
  schemaVersion: number;
  leaseMs: number;
}

/** Records a server's start (a restarted server on the same state directory keeps its row). */
export async function registerServer(db: Queryable, server: ServerRecord, now: number): Promise<void> {
  const row = {
    host: server.host,
    pid: server.pid,
    version: server.version,
    schema_version: server.schemaVersion,
    lease_ms: server.leaseMs,
    started_at: now,
    heartbeat_at: now,
    stopped_at: null,
  };
  await db
    .insertInto("servers")
    .values({ id: server.id, ...row })
    .onConflict((oc) => oc.column("id").doUpdateSet(row))
    .execute();
}

/** The server is alive now. */
export async function heartbeat(db: Queryable, id: string, now: number): Promise<void> {
  await db.updateTable("servers").set({ heartbeat_at: now }).where("id", "=", id).execute();
}

/** A graceful stop. */
export async function markStopped(db: Queryable, id: string, now: number): Promise<void> {
  await db.updateTable("servers").set({ heartbeat_at: now, stopped_at: now }).where("id", "=", id).execute();
}

export interface ServerLeases {
  /** Runs the server holds now (lease not expired). */
  held: number;
  /** The soonest of its leases' expiries; null when it holds none. */
  nextExpiry: number | null;
}

export async function listServers(db: Queryable): Promise<ServerRow[]> {
  return db.selectFrom("servers").selectAll().orderBy("started_at", "desc").orderBy("id").execute();
}

/** Per server, the runs it holds at `now`. */
export async function leasesByServer(db: Queryable, now: number): Promise<Map<string, ServerLeases>> {
  const rows = await db
    .selectFrom("runs")
    .select((eb) => [
      "lease_owner",
      eb.fn.countAll<number>().as("held"),
      eb.fn.min<number>("lease_expires_at").as("next"),
    ])
    .where("status", "=", "running")
    .where("lease_owner", "is not", null)
    .where("lease_expires_at", ">", now)
    .groupBy("lease_owner")
    .execute();
  return new Map(
    rows.map((r) => [
      r.lease_owner ?? "",
      { held: Number(r.held), nextExpiry: r.next === null ? null : Number(r.next) },
    ]),
  );
}

/** Forgets servers that stopped, or whose heartbeat is older than `before`. */
export async function pruneServers(db: Queryable, before: number): Promise<number> {
  const result = await db.deleteFrom("servers").where("heartbeat_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
