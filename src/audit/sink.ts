/**
 * The checkpoint sink: an append-only file of signed checkpoints, one JSON line each, copied
 * from the database after they commit. It is the second copy an attacker must also cut: a
 * checkpoint found here names entries the database must still hold. Kept outside the state
 * directory (and made append-only, `chattr +a`, or shipped to syslog), it survives someone who
 * can write both the database and the state directory.
 */
import { closeSync, openSync, readSync, fstatSync, readFileSync, appendFileSync, existsSync } from "node:fs";
import type { Queryable } from "../store/db.js";
import { checkpointPage } from "../store/audit/checkpoints.js";
import { checkpointOf } from "./anchor.js";
import type { Checkpoint } from "./anchor.js";

const PAGE = 1000;
const TAIL_BYTES = 64 * 1024;

export interface SinkContents {
  checkpoints: Checkpoint[];
  /** 1-based numbers of lines that are not checkpoints. */
  badLines: number[];
}

/** Every checkpoint in the sink file (none when it does not exist yet). */
export function readSink(path: string): SinkContents {
  if (!existsSync(path)) return { checkpoints: [], badLines: [] };
  const checkpoints: Checkpoint[] = [];
  const badLines: number[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, index) => {
      if (line === "") return;
      const parsed = parseLine(line);
      if (parsed === undefined) badLines.push(index + 1);
      else checkpoints.push(parsed);
    });
  return { checkpoints, badLines };
}

function parseLine(line: string): Checkpoint | undefined {
  try {
    const value = JSON.parse(line) as Partial<Checkpoint>;
    const { seq, at, hash, keyId, signature } = value;
    if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(at)) return undefined;
    if (typeof hash !== "string" || typeof keyId !== "string" || typeof signature !== "string") return undefined;
    return { seq: seq!, at: at!, hash, keyId, signature };
  } catch {
    return undefined;
  }
}

/** The seq of the newest checkpoint in the file, read from its tail (0 when there is none). */
export function lastSinkSeq(path: string): number {
  if (!existsSync(path)) return 0;
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString("utf8").split("\n").filter(Boolean);
    for (let i = lines.length - 1; i >= 0; i--) {
      const parsed = parseLine(lines[i]!);
      if (parsed !== undefined) return parsed.seq;
    }
    return 0;
  } finally {
    closeSync(fd);
  }
}

/** Copies the checkpoints the sink does not have yet; returns how many. */
export class CheckpointSink {
  readonly path: string;
  #last: number | undefined;

  constructor(path: string) {
    this.path = path;
  }

  async flush(db: Queryable): Promise<number> {
    let last = (this.#last ??= lastSinkSeq(this.path));
    let copied = 0;
    for (;;) {
      const rows = await checkpointPage(db, last, PAGE);
      if (rows.length === 0) break;
      const text = rows.map((row) => `${JSON.stringify(checkpointOf(row))}\n`).join("");
      appendFileSync(this.path, text, { mode: 0o600, flag: "a" });
      last = rows[rows.length - 1]!.seq;
      this.#last = last;
      copied += rows.length;
      if (rows.length < PAGE) break;
    }
    return copied;
  }
}
