/**
 * The change feed of a PostgreSQL database several servers share: LISTEN on one connection of its
 * own per server, NOTIFY from the writing transaction (delivered on commit, never on rollback) or,
 * for changes known after their write, once per tick for all of them.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Queryable } from "../db.js";
import { changeKey, decodeChanges, encodeChanges } from "./change.js";
import type { Change } from "./change.js";
import { Listeners } from "./feed.js";
import type { ChangeFeed, ChangeFeedStats, ChangeListener, TransactionChanges } from "./feed.js";

export const CHANGES_CHANNEL = "quikship_changes";
/** The first wait before connecting again after the listening connection is lost; doubled up to the most. */
export const RECONNECT_FIRST_MS = 100;
export const RECONNECT_MOST_MS = 5_000;

export interface PostgresChangeFeedOptions {
  url: string;
  /** Sends one payload on CHANGES_CHANNEL through `q`: a transaction, or the database. */
  notify(payload: string, q?: Queryable): Promise<void>;
}

export class PostgresChangeFeed implements ChangeFeed, TransactionChanges {
  /** Names this feed in its payloads, so that it ignores its own when they come back. */
  readonly origin = randomBytes(8).toString("hex");
  readonly #options: PostgresChangeFeedOptions;
  readonly #listeners = new Listeners();
  readonly #outgoing = new Map<string, Change>();
  /** Changes a transaction of this tick notified: published again after its commit, they are not sent twice. */
  readonly #justSent = new Set<string>();
  #flushScheduled = false;
  #sending: Promise<void> = Promise.resolve();
  readonly #stats: ChangeFeedStats = { sent: 0, received: 0, reconnects: 0, listening: false };
  #client: pg.Client | undefined;
  #started = false;
  #lostOnce = false;
  #waitMs = RECONNECT_FIRST_MS;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: PostgresChangeFeedOptions) {
    this.#options = options;
  }

  subscribe(listener: ChangeListener): () => void {
    const unsubscribe = this.#listeners.add(listener);
    if (!this.#started && !this.#closed) {
      this.#started = true;
      void this.#connect();
    }
    return unsubscribe;
  }

  publish(change: Change): void {
    if (this.#closed) return;
    this.#listeners.deliver([change]);
    const key = changeKey(change);
    if (this.#justSent.has(key)) return;
    this.#outgoing.set(key, change);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => this.#flush());
  }

  async beforeCommit(tx: Queryable, changes: readonly Change[]): Promise<void> {
    if (this.#closed) return;
    for (const payload of encodeChanges(this.origin, changes)) {
      await this.#options.notify(payload, tx);
      this.#stats.sent++;
    }
  }

  committed(changes: readonly Change[]): void {
    if (this.#closed) return;
    this.#listeners.deliver(changes);
    if (this.#justSent.size === 0) setImmediate(() => this.#justSent.clear());
    for (const change of changes) this.#justSent.add(changeKey(change));
  }

  stats(): ChangeFeedStats {
    return { ...this.#stats };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#flush();
    this.#closed = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = undefined;
    this.#stats.listening = false;
    await this.#sending;
    await client?.end().catch(() => undefined);
  }

  /** Sends the changes published since the last tick: a notification per payload, one for most ticks. */
  #flush(): void {
    this.#flushScheduled = false;
    if (this.#outgoing.size === 0) return;
    const payloads = encodeChanges(this.origin, this.#outgoing.values());
    this.#outgoing.clear();
    this.#sending = this.#sending.then(async () => {
      for (const payload of payloads) {
        // A notification that cannot be sent (the database is away) is dropped: the others' re-read finds the change.
        await this.#options.notify(payload).then(
          () => this.#stats.sent++,
          () => undefined,
        );
      }
    });
  }

  async #connect(): Promise<void> {
    this.#timer = undefined;
    if (this.#closed) return;
    const client = new pg.Client({ connectionString: this.#options.url, keepAlive: true });
    this.#client = client;
    client.on("notification", (message) => this.#received(message.payload));
    client.on("error", () => this.#lost(client));
    client.on("end", () => this.#lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch {
      this.#lost(client);
      return;
    }
    if (this.#client !== client) return;
    this.#stats.listening = true;
    this.#waitMs = RECONNECT_FIRST_MS;
    if (this.#lostOnce) {
      // Whatever was notified while no connection listened is lost: every listener reads again.
      this.#stats.reconnects++;
      this.#listeners.deliver([{ kind: "resync" }]);
    }
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    this.#stats.listening = false;
    this.#lostOnce = true;
    void client.end().catch(() => undefined);
    if (this.#closed) return;
    const waitMs = this.#waitMs;
    this.#waitMs = Math.min(waitMs * 2, RECONNECT_MOST_MS);
    this.#timer = setTimeout(() => void this.#connect(), waitMs);
    this.#timer.unref();
  }

  #received(payload: string | undefined): void {
    const decoded = payload === undefined ? undefined : decodeChanges(payload);
    if (decoded === undefined || decoded.from === this.origin || this.#closed) return;
    this.#stats.received++;
    this.#listeners.deliver(decoded.changes);
  }
}
