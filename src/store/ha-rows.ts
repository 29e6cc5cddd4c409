/** Row types of the tables of several servers on one database (migration 13), as the database holds them. */

export interface ServersTable {
  /** The lease owner's name: `server-…`, kept in the server's state directory. */
  id: string;
  host: string;
  pid: number;
  /** quikship's version. */
  version: string;
  /** The newest migration the server's build knows. */
  schema_version: number;
  lease_ms: number;
  started_at: number;
  heartbeat_at: number;
  /** Set by a graceful stop; a server that died keeps its last heartbeat and null. */
  stopped_at: number | null;
}

export interface ScheduleOccurrencesTable {
  key: string;
  /** The run the occurrence started (null until it is submitted). */
  run_id: string | null;
  claimed_by: string;
  claimed_at: number;
}
