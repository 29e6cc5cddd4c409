/** Row types of the tables that make pinning and pruning a digest take turns (migration 12). */

export interface DigestPinsTable {
  run_id: string;
  service: string;
  digest: string;
  pinned_at: number;
}

export interface DigestDeletionsTable {
  service: string;
  digest: string;
  /** `run RUN-ID`, or `registry prune by USER`. */
  deleted_by: string;
  /** The deletion stops counting then, done or not (a prune that died). */
  until_at: number;
}
