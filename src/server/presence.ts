/**
 * A server's row in `servers`: recorded when it starts, a heartbeat every second, marked stopped
 * by a graceful stop. `GET /v1/servers` and `/metrics` read them; leases, not heartbeats, decide
 * who holds a run.
 */
import { hostname } from "node:os";
import type { Db } from "../store/db.js";
import { MIGRATIONS } from "../store/migrations/index.js";
import { ConflictError } from "../errors.js";
import { heartbeat, listServers, markStopped, pruneServers, registerServer } from "../store/servers/servers.js";
import type { Clock } from "../engine/clock.js";
import { VERSION } from "../version.js";

/** How often a server writes its heartbeat. */
export const HEARTBEAT_MS = 1000;
/** Servers not heard of for this long are forgotten. */
const FORGET_AFTER_MS = 24 * 3600 * 1000;

export interface PresenceOptions {
  db: Db;
  clock: Clock;
  id: string;
  leaseMs: number;
  onError(error: unknown): void;
}

export class Presence {
  readonly #options: PresenceOptions;
  #timer: NodeJS.Timeout | undefined;
  #beating: Promise<void> | undefined;

  constructor(options: PresenceOptions) {
    this.#options = options;
  }

  /**
   * Records the server. On SQLite, refuses to start beside another live server on the same file:
   * SQLite has one writer and no way to publish changes to another process, so it serves one
   * server (its own restarts included: same state directory, same id).
   */
  async start(): Promise<void> {
    const { db, clock, id, leaseMs } = this.#options;
    const now = clock.now();
    const record = {
      id,
      host: hostname(),
      pid: process.pid,
      version: VERSION,
      schemaVersion: MIGRATIONS.length,
      leaseMs,
    };
    await db.transaction(async (tx) => {
      if (db.dialect === "sqlite") {
        const other = (await listServers(tx)).find(
          (s) => s.id !== id && s.stopped_at === null && now - s.heartbeat_at <= s.lease_ms + HEARTBEAT_MS * 2,
        );
        if (other)
          throw new ConflictError(
            `another quikship server (${other.id}, pid ${other.pid} on ${other.host}) uses this SQLite database; ` +
              "SQLite serves one server: stop it, or run several servers on PostgreSQL (--database-url postgres://...)",
            { details: { server: other.id, host: other.host, pid: other.pid } },
          );
      }
      await registerServer(tx, record, now);
      await pruneServers(tx, now - FORGET_AFTER_MS);
    });
    this.#timer = setInterval(() => this.#beat(), HEARTBEAT_MS).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#beating;
    await markStopped(this.#options.db.kysely, this.#options.id, this.#options.clock.now());
  }

  #beat(): void {
    if (this.#beating) return;
    const { db, clock, id } = this.#options;
    this.#beating = heartbeat(db.kysely, id, clock.now())
      .catch((error: unknown) => this.#options.onError(error))
      .finally(() => (this.#beating = undefined));
  }
}
