/**
 * Checking the log against signed checkpoints, as a pure walk beside the chain's own: each
 * checkpoint must verify with the audit key, the entry it names must still be there with the
 * hash it signed, and no entry may follow the last one (every entry a server holding the key
 * writes is checkpointed in its own transaction, so one that is not was written without the key).
 */
import type { AuditKey, Checkpoint } from "./anchor.js";
import { describeEntry } from "./chain.js";
import type { Finding } from "./chain.js";
import type { AuditRecord } from "./entry.js";

/** What the checkpoints prove, reported with every verification. */
export type AnchorReport =
  | { state: "off"; message: string }
  | {
      state: "on";
      keyId: string;
      /** Valid checkpoints found (database and sink together). */
      checkpoints: number;
      /** The newest valid checkpoint: the chain up to it is proven. */
      last: { seq: number; at: number } | null;
      message: string;
    };

export interface CheckpointSources {
  database: Checkpoint[];
  sink: Checkpoint[];
  /** Line numbers of the sink that hold no checkpoint. */
  sinkBadLines: number[];
}

const fmt = (ms: number): string => new Date(ms).toISOString();

export class CheckpointCheck {
  readonly #valid = new Map<number, Checkpoint>();
  #newest: Checkpoint | undefined;
  #first: Finding | undefined;
  #lastSeq = 0;

  constructor(
    readonly key: AuditKey,
    sources: CheckpointSources,
  ) {
    for (const line of sources.sinkBadLines.slice(0, 1))
      this.#note({ seq: 0, problem: "forged", message: `the checkpoint sink's line ${line} is not a checkpoint` });
    for (const [where, list] of [
      ["database", sources.database],
      ["sink", sources.sink],
    ] as const) {
      for (const c of list) this.#add(c, where);
    }
  }

  #add(c: Checkpoint, where: string): void {
    if (!this.key.verifies(c)) {
      const whose =
        c.keyId === this.key.keyId ? "its signature does not verify" : `it names key ${c.keyId}, not ${this.key.keyId}`;
      this.#note({
        seq: c.seq,
        problem: "forged",
        message: `the checkpoint of entry ${c.seq} in the ${where} is forged: ${whose}`,
      });
      return;
    }
    this.#valid.set(c.seq, c);
    if (this.#newest === undefined || c.seq > this.#newest.seq) this.#newest = c;
  }

  #note(finding: Finding): void {
    if (this.#first === undefined || finding.seq < this.#first.seq) this.#first = finding;
  }

  /** Called for every entry, in seq order. */
  see(record: AuditRecord): void {
    this.#lastSeq = record.seq;
    const c = this.#valid.get(record.seq);
    if (c === undefined || c.hash === record.hash) return;
    this.#note({
      seq: record.seq,
      problem: "altered",
      message: `${describeEntry(record)} was rewritten: its hash is not the one signed in its checkpoint at ${fmt(c.at)}, so the log was rewritten from there on (with the later hashes recomputed)`,
    });
  }

  /** The first problem found, once every entry was seen. */
  result(): { finding: Finding | undefined; report: AnchorReport } {
    const newest = this.#newest;
    if (newest !== undefined && newest.seq > this.#lastSeq) {
      const end = this.#lastSeq === 0 ? "the log is empty" : `the log ends at entry ${this.#lastSeq}`;
      this.#note({
        seq: this.#lastSeq + 1,
        problem: "removed",
        message: `entries ${this.#lastSeq + 1}–${newest.seq} were removed from the end: ${end}, but entry ${newest.seq} was checkpointed at ${fmt(newest.at)}`,
      });
    } else if (this.#lastSeq > (newest?.seq ?? 0)) {
      const from = (newest?.seq ?? 0) + 1;
      const after = newest === undefined ? "no entry is checkpointed" : `the last checkpoint is of entry ${newest.seq}`;
      this.#note({
        seq: from,
        problem: "inserted",
        message: `entries ${from}–${this.#lastSeq} are not covered by a signed checkpoint (${after}): they were not written by a server holding the audit key, so they were appended by hand or by a server started without it`,
      });
    }
    return { finding: this.#first, report: this.#report(newest) };
  }

  #report(newest: Checkpoint | undefined): AnchorReport {
    const base = { state: "on" as const, keyId: this.key.keyId, checkpoints: this.#valid.size };
    if (newest === undefined)
      return { ...base, last: null, message: "no signed checkpoint yet: nothing is proven beyond the hash chain" };
    return {
      ...base,
      last: { seq: newest.seq, at: newest.at },
      message: `entries 1–${newest.seq} are as they were when checkpoint ${newest.seq} was signed at ${fmt(newest.at)} with key ${this.key.keyId}; a checkpoint proves nothing about entries after it, nor that no checkpoint was removed together with the entries it covers from both the database and the sink`,
    };
  }
}

export const ANCHOR_OFF: AnchorReport = {
  state: "off",
  message:
    "not anchored: this server has no audit key (--audit-key or QUIKSHIP_AUDIT_KEY), so only the hash chain is checked; a rewrite with every later hash recomputed, a forged append or a cut tail is not found without a kept SEQ:HASH",
};
