import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import type { AuditCheckpointRow, Tables } from "./rows.js";
import { isKind } from "../kind.js";
import type { Change } from "./changes/change.js";
import type { ChangeFeed, TransactionChanges } from "./changes/feed.js";
import { bindFeed, openTransactionChanges } from "./changes/publish.js";

export const DIALECTS = ["sqlite", "postgres"] as const;
export type Dialect = (typeof DIALECTS)[number];

/** What a store operation runs on: the database itself or a transaction of it. */
export type Queryable = Kysely<Tables>;

/** Signs a checkpoint of the audit chain's head (src/audit/anchor.ts), so that appending an entry can sign it. */
export interface AuditSigner {
  checkpoint(seq: number, hash: string, at: number): AuditCheckpointRow;
}

/** An open database. One per process and database: it owns a connection pool. */
export interface Db {
  readonly dialect: Dialect;
  /** Set on a server holding the audit key: every audit entry is then checkpointed in its own transaction. */
  readonly auditSigner?: AuditSigner;
  readonly kysely: Kysely<Tables>;
  /**
   * The changes written through this database, this server's and (on PostgreSQL) every other
   * server's: what event streams, status snapshots and workers wake on. See store/changes/.
   */
  readonly changes: ChangeFeed;
  /**
   * Runs fn in a transaction, committed when fn resolves and rolled back when it throws. On
   * SQLite the transaction takes the write lock at once (BEGIN IMMEDIATE), waiting for another
   * writer without blocking the event loop; inside fn use `tx`, never `kysely`. The changes fn
   * publishes on `tx` (publishChange) are sent as its last statement and told to this server's
   * listeners once it has committed.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * A number that moves on after every statement that may write, and again as each transaction
   * ends, made through this Db. A reader that takes it before reading and finds it unchanged
   * later knows this process has written nothing since (other processes are not counted).
   */
  writes(): number;
  /** Closes the change feed and the connections; later calls do nothing. */
  close(): Promise<void>;
}

export function wrapKysely(dialect: Dialect, plain: Kysely<Tables>, feed: ChangeFeed & TransactionChanges): Db {
  let closing: Promise<void> | undefined;
  const counter = new WriteCounter();
  const kysely = plain.withPlugin(counter);
  bindFeed(kysely, feed);
  return {
    dialect,
    kysely,
    changes: feed,
    transaction: async (fn) => {
      let changes: Change[] = [];
      try {
        const result = await kysely.transaction().execute(async (tx) => {
          changes = openTransactionChanges(tx);
          const value = await fn(tx);
          if (changes.length > 0) await feed.beforeCommit(tx, changes);
          return value;
        });
        if (changes.length > 0) feed.committed(changes);
        return result;
      } finally {
        counter.count++;
      }
    },
    writes: () => counter.count,
    close: () => (closing ??= feed.close().then(() => kysely.destroy())),
  };
}

/** Counts every statement that is not a SELECT (raw SQL included), once it has run. */
class WriteCounter implements KyselyPlugin {
  count = 0;
  readonly #writes = new WeakSet<object>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (!isKind(args.node, "SelectQueryNode")) this.#writes.add(args.queryId);
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.#writes.has(args.queryId)) this.count++;
    return Promise.resolve(args.result);
  }
}
