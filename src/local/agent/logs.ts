import type { WriteStream } from "node:fs";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { systemClock } from "../../engine/clock.js";
import { maskThenCut } from "../../platform/masked-lines.js";

import type { LogLine } from "../contract.js";

export type { LogLine } from "../contract.js";

export type LogWriter = (instance: string, stream: LogLine["stream"], text: string) => void;

/** Characters of a kept line: longer ones are cut, after masking. */
export const MAX_LINE_CHARS = 8_192;
/** Revisions of one service whose lines are kept in memory; older ones live on in their files. */
const REVISIONS_KEPT = 10;

interface Book {
  lines: LogLine[];
  file: WriteStream;
}

/**
 * Instances' output: a ring buffer of lines per revision, and a file per revision at
 * `<state>/logs/ENV/SERVICE/REVISION.log`. Secret values are masked before a line is kept anywhere.
 * Sequence numbers grow across the whole agent, so a reader can follow a service with `after`.
 */
export class LogBook {
  readonly #dir: string;
  readonly #capacity: number;
  readonly #now: () => number;
  #seq = 0;
  #closed = false;
  readonly #books = new Map<string, Map<number, Book>>();

  constructor(stateDir: string, options: { capacity?: number; now?: () => number } = {}) {
    this.#dir = join(stateDir, "logs");
    this.#capacity = options.capacity ?? 2_000;
    this.#now = options.now ?? (() => systemClock.now());
  }

  /** A writer for one instance: it masks `secrets` and appends complete lines. */
  writer(environment: string, service: string, revision: number, secrets: () => string[]): LogWriter {
    return (instance: string, stream: LogLine["stream"], text: string): void => {
      if (this.#closed) return; // the last words of an instance stopped at shutdown
      const book = this.#book(environment, service, revision);
      const line: LogLine = {
        seq: ++this.#seq,
        at: this.#now(),
        instance,
        stream,
        // Masked before it is cut: a secret across the cut is masked whole, never shown in part.
        text: maskThenCut(text, secrets(), MAX_LINE_CHARS),
      };
      book.lines.push(line);
      if (book.lines.length > this.#capacity) book.lines.splice(0, book.lines.length - this.#capacity);
      book.file.write(`${new Date(line.at).toISOString()} ${instance} ${stream} ${line.text}\n`);
    };
  }

  /** Lines of a service after `after`, oldest first; of one revision when given. */
  read(
    environment: string,
    service: string,
    options: { revision?: number; after?: number; limit?: number } = {},
  ): LogLine[] {
    const books = this.#books.get(`${environment}/${service}`);
    if (!books) return [];
    const after = options.after ?? 0;
    const chosen =
      options.revision === undefined
        ? [...books.values()]
        : [books.get(options.revision)].filter((b) => b !== undefined);
    const lines = chosen.flatMap((b) => b.lines.filter((l) => l.seq > after)).sort((a, b) => a.seq - b.seq);
    return options.limit === undefined ? lines : lines.slice(-options.limit);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const files = [...this.#books.values()].flatMap((m) => [...m.values()].map((b) => b.file));
    this.#books.clear();
    await Promise.all(files.map((f) => new Promise<void>((resolve) => f.end(resolve))));
  }

  #book(environment: string, service: string, revision: number): Book {
    const key = `${environment}/${service}`;
    let books = this.#books.get(key);
    if (!books) this.#books.set(key, (books = new Map<number, Book>()));
    let book = books.get(revision);
    if (!book) {
      const path = join(this.#dir, environment, service, `${revision}.log`);
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch {
        // The stream below reports the failure as an event, ignored: the lines stay in memory.
      }
      const file = createWriteStream(path, { flags: "a", mode: 0o600 });
      file.on("error", () => {}); // a full disk must not take the agent down; the ring buffer still has the lines
      books.set(revision, (book = { lines: [], file }));
      this.#evict(books);
    }
    return book;
  }

  #evict(books: Map<number, Book>): void {
    const revisions = [...books.keys()].sort((a, b) => a - b);
    for (const revision of revisions.slice(0, Math.max(0, revisions.length - REVISIONS_KEPT))) {
      books.get(revision)?.file.end();
      books.delete(revision);
    }
  }
}
