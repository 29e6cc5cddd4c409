import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";
import type { StatusView } from "./service-schemas.js";

const gzipAsync = promisify(gzipCallback);

/**
 * A matrix as it is sent. One snapshot is shared by every caller until what it shows changes, so
 * the 54 kB (at 1,000 × 12, 2.3 MB) answer is serialized, hashed and compressed once, not once
 * per caller or per event stream.
 */
export class StatusSnapshot {
  /** The matrix as JSON. */
  readonly json: string;
  #bytes: Buffer | undefined;
  #gzip: Promise<Buffer> | undefined;
  #id: string | undefined;

  constructor(view: StatusView) {
    this.json = JSON.stringify(view);
  }

  get bytes(): Buffer {
    return (this.#bytes ??= Buffer.from(this.json));
  }

  /** Level 1: the matrix repeats itself, so even the fastest level takes 54 kB to about 5 kB. */
  gzip(): Promise<Buffer> {
    return (this.#gzip ??= gzipAsync(this.bytes, { level: 1 }));
  }

  /** Names what the snapshot shows, whenever it was read: equal ids, equal matrices. */
  get id(): string {
    return (this.#id ??= createHash("sha256").update(shownPart(this.json)).digest("base64url").slice(0, 16));
  }
}

/** The JSON without its leading `"at"` member, which moves on every read. */
export function shownPart(json: string): string {
  return json.slice(json.indexOf(",") + 1);
}
