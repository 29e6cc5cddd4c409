/**
 * Publishing a change where it is written. The store's writes call `publishChange(q, change)`
 * with what they wrote on: inside a transaction the change waits for the commit (and on
 * PostgreSQL is notified by the transaction itself, so a rollback sends nothing); on the
 * database itself it is published at once.
 */
import type { Change } from "./change.js";
import type { ChangeFeed } from "./feed.js";

const pending = new WeakMap<object, Change[]>();
const feeds = new WeakMap<object, ChangeFeed>();

/** Tells the feed a change written on `q` (a transaction, or a Db's own query builder). */
export function publishChange(q: object, change: Change): void {
  const open = pending.get(q);
  if (open !== undefined) open.push(change);
  else feeds.get(q)?.publish(change);
}

/** Changes written on this query builder (a Db's, outside transactions) go to this feed. */
export function bindFeed(q: object, feed: ChangeFeed): void {
  feeds.set(q, feed);
}

/** Opens the list of a transaction's changes; the transaction sends them before it commits. */
export function openTransactionChanges(tx: object): Change[] {
  const changes: Change[] = [];
  pending.set(tx, changes);
  return changes;
}
