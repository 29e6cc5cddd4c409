import { changeKey } from "./change.js";
import type { Change } from "./change.js";

export type ChangeListener = (change: Change) => void;

/** What a feed has done since it opened, for /metrics. */
export interface ChangeFeedStats {
  /** NOTIFY payloads sent to the other servers (one carries a batch of changes). */
  sent: number;
  /** Payloads received from the other servers (this server's own echoes not counted). */
  received: number;
  /** Times the listening connection was lost and made again. */
  reconnects: number;
  /** Whether other servers' changes can reach this one now (always true for an in-process feed). */
  listening: boolean;
}

/**
 * How the changes made through one database reach everyone who shows them: this server's event
 * streams, status snapshots and workers, and those of every other server sharing the database.
 * Listeners are told that something changed (see Change), at most once per change per tick.
 */
export interface ChangeFeed {
  /** Every change from now on, this server's own (once committed) and other servers'; returns the unsubscribe. */
  subscribe(listener: ChangeListener): () => void;
  /**
   * A change already written (outside a transaction, or after its commit). Inside a transaction,
   * prefer `publishChange(tx, change)`: it is sent with the commit. Sent on the next tick, with the
   * other changes of the tick in one notification.
   */
  publish(change: Change): void;
  stats(): ChangeFeedStats;
  /** Sends what is queued, stops listening; later publishes go nowhere. */
  close(): Promise<void>;
}

/** What a Db's transactions tell the feed: changes to send with the commit, then committed. */
export interface TransactionChanges {
  /** Called inside the transaction, as its last statement: a notification sent so is delivered only on commit. */
  beforeCommit(tx: unknown, changes: readonly Change[]): Promise<void>;
  /** The transaction committed: its changes go to this server's listeners. */
  committed(changes: readonly Change[]): void;
}

/**
 * The listeners of a feed and their deliveries: every change of a tick is delivered once, on the
 * next one, so a burst of writes (a run's steps, a batch of submissions) wakes a listener once.
 */
export class Listeners {
  readonly #listeners = new Set<ChangeListener>();
  readonly #queue = new Map<string, Change>();
  #scheduled = false;

  get size(): number {
    return this.#listeners.size;
  }

  add(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  deliver(changes: Iterable<Change>): void {
    for (const change of changes) this.#queue.set(changeKey(change), change);
    if (this.#scheduled || this.#queue.size === 0) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = [...this.#queue.values()];
    this.#queue.clear();
    for (const change of batch) {
      for (const listener of this.#listeners) {
        try {
          listener(change);
        } catch {
          // A listener's failure is its own: the others are still told.
        }
      }
    }
  }
}

/** The feed of a database only one server uses (SQLite): its changes go to its own listeners. */
export class InProcessChangeFeed implements ChangeFeed, TransactionChanges {
  readonly #listeners = new Listeners();
  #closed = false;

  subscribe(listener: ChangeListener): () => void {
    return this.#listeners.add(listener);
  }

  publish(change: Change): void {
    if (!this.#closed) this.#listeners.deliver([change]);
  }

  beforeCommit(): Promise<void> {
    return Promise.resolve();
  }

  committed(changes: readonly Change[]): void {
    if (!this.#closed) this.#listeners.deliver(changes);
  }

  stats(): ChangeFeedStats {
    return { sent: 0, received: 0, reconnects: 0, listening: true };
  }

  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }
}
