/**
 * The hash chain, as pure functions: each entry's hash covers the previous entry's hash and the
 * entry's canonical JSON, so editing, dropping or moving an entry breaks the chain where it
 * happened. Verification walks the entries in seq order and names the first one that is wrong.
 */
import { createHash } from "node:crypto";
import type { Json } from "../engine/types.js";
import type { AuditProblem, AuditRecord, AuditVerification } from "./entry.js";

/** The prev_hash of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** How far from its current seq an intact entry's original seq is looked for. */
const RENUMBER_SEARCH = 1000;

/**
 * JSON with object keys sorted at every level, so equal values always hash equally. Iterative:
 * a value nested thousands deep (stored before the API limited depth) costs no stack.
 */
export function canonicalJson(value: Json): string {
  const out: string[] = [];
  // Work items: a value to write, or a literal piece of text (a separator, a key, a bracket).
  const work: Array<{ value: Json } | string> = [{ value }];
  while (work.length > 0) {
    const item = work.pop()!;
    if (typeof item === "string") {
      out.push(item);
      continue;
    }
    const v = item.value;
    if (v === null || typeof v !== "object") {
      out.push(JSON.stringify(v));
      continue;
    }
    const pieces: Array<{ value: Json } | string> = [];
    if (Array.isArray(v)) {
      v.forEach((element, i) => pieces.push(...(i > 0 ? [","] : []), { value: element }));
      pushReversed(work, "]", pieces, "[");
    } else {
      Object.keys(v)
        .sort()
        .forEach((k, i) => pieces.push(`${i > 0 ? "," : ""}${JSON.stringify(k)}:`, { value: v[k]! }));
      pushReversed(work, "}", pieces, "{");
    }
  }
  return out.join("");
}

/** Pushes close, then pieces last to first, then open: popped, they come out in order. */
function pushReversed<T>(work: T[], close: T, pieces: T[], open: T): void {
  work.push(close);
  for (let i = pieces.length - 1; i >= 0; i--) work.push(pieces[i]!);
  work.push(open);
}

/**
 * A value as a JSON column gives it back: undefined dropped, dates as strings. Writers hash this
 * form, so what was hashed is exactly what can be read back.
 */
export function asStoredJson(value: unknown): Json {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? null : (JSON.parse(text) as Json);
}

/** sha256 of a value's canonical JSON, in hex: the fingerprint of a platform, say. */
export function digest(value: unknown): string {
  return createHash("sha256")
    .update(canonicalJson(asStoredJson(value)))
    .digest("hex");
}

type Content = Pick<AuditRecord, "seq" | "at" | "actor" | "action" | "subject" | "data">;

/** hash = sha256(prev_hash + "\n" + canonical JSON of {seq, at, actor, action, subject, data}). */
export function entryHash(prevHash: string, { seq, at, actor, action, subject, data }: Content): string {
  const canonical = canonicalJson({ seq, at, actor, action, subject, data });
  return createHash("sha256").update(`${prevHash}\n${canonical}`).digest("hex");
}

/** The seq an entry whose content is intact but whose number changed was written with; undefined when it was altered. */
export function writtenSeq(record: AuditRecord): number | undefined {
  for (let distance = 1; distance <= RENUMBER_SEARCH; distance++) {
    for (const seq of [record.seq + distance, record.seq - distance]) {
      if (seq >= 1 && entryHash(record.prevHash, { ...record, seq }) === record.hash) return seq;
    }
  }
  return undefined;
}

/** `entry 17 (run.submit by alice at 2026-01-05T10:00:00.000Z)`: how messages name an entry. */
export function describeEntry(record: AuditRecord): string {
  return `entry ${record.seq} (${record.action} by ${record.actor} at ${new Date(record.at).toISOString()})`;
}

export interface Finding {
  seq: number;
  problem: AuditProblem;
  message: string;
}

/** Finds the entry a hash belongs to, wherever it is now. */
export type FindByHash = (hash: string) => Promise<AuditRecord | undefined> | AuditRecord | undefined;

export interface VerifyOptions {
  /** An entry's seq and hash kept elsewhere (from an earlier verification): it must still be there, unchanged. */
  known?: { seq: number; hash: string };
}

/**
 * Verifies entries given in seq order. Every entry is counted, but only the first problem is
 * reported: after it, later entries would only repeat it.
 */
export async function verifyChain(
  records: Iterable<AuditRecord> | AsyncIterable<AuditRecord>,
  findByHash: FindByHash,
  options: VerifyOptions = {},
): Promise<AuditVerification> {
  const { known } = options;
  let prev: AuditRecord | undefined;
  let entries = 0;
  let firstBad: Finding | undefined;
  for await (const record of records) {
    entries++;
    if (firstBad !== undefined) continue;
    firstBad = (await linkProblem(prev, record, findByHash)) ?? knownProblem(record, known);
    prev = record;
  }
  if (firstBad === undefined && known !== undefined && (prev?.seq ?? 0) < known.seq) {
    const end = prev === undefined ? "the log is empty" : `the log ends at ${describeEntry(prev)}`;
    firstBad = {
      seq: known.seq,
      problem: "removed",
      message: `entry ${known.seq}, whose hash was kept elsewhere, is missing: ${end}; entries were removed from its end`,
    };
  }
  if (firstBad !== undefined) return { ok: false, entries, firstBad };
  return { ok: true, entries, last: prev === undefined ? null : { seq: prev.seq, at: prev.at, hash: prev.hash } };
}

function knownProblem(record: AuditRecord, known: VerifyOptions["known"]): Finding | undefined {
  if (known === undefined || record.seq !== known.seq || record.hash === known.hash) return undefined;
  const message = `${describeEntry(record)} was altered: its hash is not the one kept elsewhere (${known.hash}), so the log was rewritten from there on`;
  return { seq: record.seq, problem: "altered", message };
}

/** What is wrong with `record` as the successor of `prev` (undefined: it is the first). */
async function linkProblem(
  prev: AuditRecord | undefined,
  record: AuditRecord,
  findByHash: FindByHash,
): Promise<Finding | undefined> {
  const expectedSeq = (prev?.seq ?? 0) + 1;
  const named = describeEntry(record);
  if (record.seq > expectedSeq) return gap(prev, record);
  if (record.seq < expectedSeq)
    return {
      seq: record.seq,
      problem: "reordered",
      message: `${named} is out of order: it comes after entry ${prev?.seq}`,
    };
  if (entryHash(record.prevHash, record) !== record.hash) {
    const written = writtenSeq(record);
    if (written === undefined)
      return {
        seq: record.seq,
        problem: "altered",
        message: `${named} was altered: its hash does not match its content`,
      };
    return renumbered(prev, record, written, await followedBy(record, findByHash));
  }
  const expectedPrev = prev?.hash ?? GENESIS_HASH;
  if (record.prevHash !== expectedPrev) {
    const followed = await followedBy(record, findByHash);
    const after = prev === undefined ? "the start of the log" : `entry ${prev.seq}`;
    if (followed !== undefined) {
      return {
        seq: record.seq,
        problem: "reordered",
        message: `${named} is out of order: it was written after entry ${followed.seq}, not after ${after}`,
      };
    }
    const message = `${named} does not follow ${after}: its prev_hash matches no entry, so it was inserted in place of the original${prev === undefined ? "" : `, or entry ${prev.seq} was rewritten`}`;
    return { seq: record.seq, problem: "inserted", message };
  }
  if (prev !== undefined && record.at < prev.at) {
    const message = `${named} is out of order: it is dated before ${describeEntry(prev)}, and time does not go backwards in the log`;
    return { seq: record.seq, problem: "reordered", message };
  }
  return undefined;
}

function gap(prev: AuditRecord | undefined, record: AuditRecord): Finding {
  const from = (prev?.seq ?? 0) + 1;
  const to = record.seq - 1;
  const missing = from === to ? `entry ${from} was removed` : `entries ${from}–${to} were removed`;
  const where = prev === undefined ? "is the first entry" : `follows entry ${prev.seq}`;
  return { seq: record.seq, problem: "removed", message: `${describeEntry(record)} ${where}: ${missing}` };
}

async function followedBy(record: AuditRecord, findByHash: FindByHash): Promise<AuditRecord | undefined> {
  return record.prevHash === GENESIS_HASH ? undefined : await findByHash(record.prevHash);
}

/** An intact entry whose seq changed: moved among the others, or renumbered after a removal or an insertion. */
function renumbered(
  prev: AuditRecord | undefined,
  record: AuditRecord,
  written: number,
  followed: AuditRecord | undefined,
): Finding {
  const named = `${describeEntry(record)} was written as entry ${written}`;
  if (written < record.seq && (followed?.seq ?? 0) === written - 1) {
    // It still follows the entry it was written after: what lies between them was inserted.
    const first = written;
    const inserted = prev?.seq === first ? describeEntry(prev) : `entry ${first}`;
    return {
      seq: first,
      problem: "inserted",
      message: `${inserted} was inserted: ${named}, right after entry ${written - 1}, and renumbered`,
    };
  }
  if (followed === undefined && written > record.seq) {
    const count = written - record.seq;
    const what = count === 1 ? "an entry before it was" : `${count} entries before it were`;
    return { seq: record.seq, problem: "removed", message: `${named}: ${what} removed and the later ones renumbered` };
  }
  return {
    seq: record.seq,
    problem: "reordered",
    message: `${describeEntry(record)} is out of order: it was written as entry ${written}`,
  };
}
