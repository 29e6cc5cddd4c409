/**
 * An incremental HTTP/1.1 response parser for the router's connections to instances: Node's
 * http client costs more than the rest of the proxy put together, so the router speaks HTTP to
 * instances itself. Body framing follows RFC 9112 §6.3; bodies are passed on as slices, unbuffered.
 */

export interface ResponseHead {
  status: number;
  statusMessage: string;
  /** Header names and values, alternating, as received (latin1, like Node's `rawHeaders`). */
  rawHeaders: string[];
}

export interface ResponseEvents {
  onHead(head: ResponseHead): void;
  onBody(chunk: Buffer): void;
  /** The response is complete; `keepAlive` says whether the connection may carry another one. */
  onEnd(keepAlive: boolean): void;
}

export class ParseError extends Error {}

const MAX_HEAD_BYTES = 64 * 1024;
// States, as plain numbers: no TypeScript enum.
const IDLE = 0,
  HEAD = 1,
  LENGTH = 2,
  CHUNK_SIZE = 3,
  CHUNK_DATA = 4,
  CHUNK_END = 5,
  TRAILER = 6,
  UNTIL_CLOSE = 7;

export class ResponseParser {
  private state = IDLE;
  private pending: Buffer | undefined;
  private remaining = 0;
  private headOnly = false;
  private keepAlive = true;

  constructor(private readonly events: ResponseEvents) {}

  /** Prepares for the response to a request; HEAD requests get a head without a body. */
  expect(method: string): void {
    this.state = HEAD;
    this.headOnly = method === "HEAD";
    this.pending = undefined;
  }

  get idle(): boolean {
    return this.state === IDLE;
  }

  push(chunk: Buffer): void {
    if (this.state === IDLE) throw new ParseError("data from the instance while no request was in flight");
    let at = 0;
    if (this.pending) {
      chunk = Buffer.concat([this.pending, chunk]);
      this.pending = undefined;
    }
    while (at < chunk.length && this.state !== IDLE) at = this.step(chunk, at);
    if (this.state !== IDLE) return;
    if (at < chunk.length) throw new ParseError("the instance sent data after its response");
    this.events.onEnd(this.keepAlive);
  }

  /** The instance closed the connection: ends a body delimited by close; true when no response was cut short. */
  close(): boolean {
    if (this.state !== UNTIL_CLOSE) return this.state === IDLE;
    this.state = IDLE;
    this.events.onEnd(false);
    return true;
  }

  private step(chunk: Buffer, at: number): number {
    switch (this.state) {
      case HEAD:
        return this.head(chunk, at);
      case LENGTH: {
        const end = Math.min(chunk.length, at + this.remaining);
        this.remaining -= end - at;
        this.events.onBody(chunk.subarray(at, end));
        if (this.remaining === 0) this.state = IDLE;
        return end;
      }
      case UNTIL_CLOSE:
        this.events.onBody(at === 0 ? chunk : chunk.subarray(at));
        return chunk.length;
      case CHUNK_DATA: {
        const end = Math.min(chunk.length, at + this.remaining);
        this.remaining -= end - at;
        this.events.onBody(chunk.subarray(at, end));
        if (this.remaining === 0) this.state = CHUNK_END;
        return end;
      }
      default:
        return this.line(chunk, at);
    }
  }

  /** Chunk sizes, the CRLF after chunk data, and trailers: line by line. */
  private line(chunk: Buffer, at: number): number {
    const eol = chunk.indexOf("\r\n", at, "latin1");
    if (eol === -1) {
      if (chunk.length - at > MAX_HEAD_BYTES) throw new ParseError("chunk line too long");
      this.pending = chunk.subarray(at);
      return chunk.length;
    }
    if (this.state === CHUNK_END) {
      if (eol !== at) throw new ParseError("chunk data longer than its size");
      this.state = CHUNK_SIZE;
    } else if (this.state === CHUNK_SIZE) {
      const text = chunk.toString("latin1", at, eol);
      const semicolon = text.indexOf(";");
      const hex = (semicolon === -1 ? text : text.slice(0, semicolon)).trim();
      if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new ParseError(`bad chunk size "${text}"`);
      this.remaining = parseInt(hex, 16);
      this.state = this.remaining === 0 ? TRAILER : CHUNK_DATA;
    } else if (eol === at) {
      this.state = IDLE; // the empty line after the trailers (dropped) ends the message
    }
    return eol + 2;
  }

  private head(chunk: Buffer, at: number): number {
    const end = chunk.indexOf("\r\n\r\n", at, "latin1");
    if (end === -1) {
      if (chunk.length - at > MAX_HEAD_BYTES) throw new ParseError("response head larger than 64 KiB");
      this.pending = chunk.subarray(at);
      return chunk.length;
    }
    const lines = chunk.toString("latin1", at, end).split("\r\n");
    const statusLine = lines[0]!;
    const status = Number(statusLine.slice(9, 12));
    if (!statusLine.startsWith("HTTP/1.") || statusLine.charCodeAt(12) > 32 || !(status >= 100 && status <= 999)) {
      throw new ParseError(`bad status line "${statusLine.slice(0, 80)}"`);
    }
    if (status === 101) throw new ParseError("the instance switched protocols; upgrades are not proxied");
    const rawHeaders: string[] = [];
    let length = -1;
    let chunked = false;
    let encoded = false;
    let keepAlive = statusLine.charCodeAt(7) !== 48; // HTTP/1.0 closes unless told otherwise
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const first = line.charCodeAt(0);
      if (first === 32 || first === 9) throw new ParseError("obsolete header line folding");
      const colon = line.indexOf(":");
      if (colon <= 0) throw new ParseError(`bad header line "${line.slice(0, 80)}"`);
      const name = line.slice(0, colon);
      const value = line.slice(colon + 1).trim();
      rawHeaders.push(name, value);
      if (name.length === 14 && name.toLowerCase() === "content-length") {
        const n = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
        if (Number.isNaN(n) || (length !== -1 && length !== n)) throw new ParseError(`bad content-length "${value}"`);
        length = n;
      } else if (name.length === 17 && name.toLowerCase() === "transfer-encoding") {
        encoded = true;
        chunked = /(?:^|,)\s*chunked\s*$/i.test(value);
      } else if (name.length === 10 && name.toLowerCase() === "connection") {
        const tokens = value.toLowerCase();
        if (tokens.includes("close")) keepAlive = false;
        else if (tokens.includes("keep-alive")) keepAlive = true;
      }
    }
    if (status < 200) return end + 4; // 100 Continue, 103 Early Hints: the final head follows
    this.keepAlive = keepAlive;
    this.events.onHead({ status, statusMessage: statusLine.slice(13), rawHeaders });
    if (this.headOnly || status === 204 || status === 304) this.state = IDLE;
    else if (chunked) this.state = CHUNK_SIZE;
    else if (encoded) this.begin(UNTIL_CLOSE);
    else if (length >= 0) {
      this.remaining = length;
      this.state = length === 0 ? IDLE : LENGTH;
    } else this.begin(UNTIL_CLOSE);
    return end + 4;
  }

  private begin(state: number): void {
    this.state = state;
    this.keepAlive = false;
  }
}
