/**
 * The API server's requests (not its watches) over HTTP/1.1 connections quikship keeps itself,
 * one request at a time on each: Node's http client and agent cost more CPU than the rest of a
 * request (an apply to the API test double: about 0.55 ms of CPU through them, 0.25 ms this way).
 * The responses are read by the router's HTTP/1.1 parser (RFC 9112 framing: length, chunked,
 * until close). An idle connection is closed after `idleMs` and never keeps the process alive;
 * a TLS connection resumes the last session, as Node's https agent does.
 */
import net from "node:net";
import tls from "node:tls";
import { ResponseParser } from "../../local/router/parser.js";

export interface Http1Answer {
  status: number;
  /** Names in lower case, repeated ones joined with ", " (as Node's `IncomingMessage.headers`). */
  headers: Record<string, string>;
  text: string;
}

/** Where the connections go: TLS options apply when `tls` is set. */
export interface Http1Target {
  host: string;
  port: number;
  tls: tls.ConnectionOptions | undefined;
}

/** Header values as Node accepts them: no control characters but tab (no header injection). */
const INVALID_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

declare const checked: unique symbol;
/** Header lines (`name: value` and CRLF each), their values checked: made by `headerLines`. */
export type HeaderLines = string & { readonly [checked]: true };

/** The lines of `headers`; a value with a line break or another control character is refused. */
export function headerLines(headers: Record<string, string>): HeaderLines {
  let lines = "";
  for (const [name, value] of Object.entries(headers)) {
    if (INVALID_HEADER_VALUE.test(value)) throw new TypeError(`Invalid character in header content ["${name}"]`);
    lines += `${name}: ${value}\r\n`;
  }
  return lines as HeaderLines;
}

/** How long a request (not a watch) may wait in silence for the API server's answer, the connect included. */
export const ANSWER_MS = 60_000;

export class Http1Connections {
  readonly #idle: Http1Connection[] = [];
  #session: Buffer | undefined;

  /**
   * `idleMs`: an idle connection is closed after it. `answerMs`: a request whose connection (the
   * connect included) stays silent that long fails, as an API server that does not answer.
   */
  constructor(
    readonly target: Http1Target,
    readonly idleMs: number,
    readonly answerMs = ANSWER_MS,
  ) {}

  /**
   * Sends one request and reads its answer. `lines` hold every header but Content-Type and
   * Content-Length (Host among them), which a request with a body gets here.
   */
  request(
    method: string,
    path: string,
    lines: HeaderLines,
    body: { type: string; text: string } | undefined,
  ): Promise<Http1Answer> {
    let head = `${method} ${path} HTTP/1.1\r\n${lines}`;
    if (body !== undefined)
      head += `${headerLines({ "content-type": body.type })}content-length: ${Buffer.byteLength(body.text)}\r\n`;
    const connection = this.#idle.pop() ?? new Http1Connection(this, this.#socket());
    return connection.send(method, `${head}\r\n${body?.text ?? ""}`);
  }

  #socket(): net.Socket {
    const { host, port } = this.target;
    if (!this.target.tls) return net.connect({ host, port, noDelay: true });
    const servername = this.target.tls.servername ?? (net.isIP(host) ? undefined : host);
    const socket = tls.connect({ ...this.target.tls, host, port, servername, session: this.#session });
    socket.on("session", (session: Buffer) => (this.#session = session));
    socket.setNoDelay(true);
    return socket;
  }

  /** A connection done with its request, that may carry another. */
  idle(connection: Http1Connection): void {
    this.#idle.push(connection);
  }

  /** A connection that closed or failed. */
  gone(connection: Http1Connection): void {
    const at = this.#idle.indexOf(connection);
    if (at !== -1) this.#idle.splice(at, 1);
  }

  /** Closes the idle connections. */
  close(): void {
    for (const c of this.#idle.splice(0)) c.socket.destroy();
  }
}

class Http1Connection {
  readonly #parser: ResponseParser;
  #call: { resolve: (a: Http1Answer) => void; reject: (e: Error) => void } | undefined;
  #status = 0;
  #headers: Record<string, string> = {};
  #chunks: Buffer[] = [];

  constructor(
    readonly pool: Http1Connections,
    readonly socket: net.Socket,
  ) {
    this.#parser = new ResponseParser({
      onHead: (head) => {
        this.#status = head.status;
        this.#headers = headersOf(head.rawHeaders);
      },
      onBody: (chunk) => this.#chunks.push(chunk),
      onEnd: (keepAlive) => this.#answered(keepAlive),
    });
    socket.on("data", (chunk: Buffer) => {
      try {
        this.#parser.push(chunk);
      } catch (error) {
        this.#fail(error as Error);
      }
    });
    socket.on("error", (error) => this.#fail(error));
    socket.on("close", () => {
      if (this.#call && !this.#parser.close()) {
        const error: NodeJS.ErrnoException = new Error("socket hang up");
        error.code = "ECONNRESET";
        this.#fail(error);
      }
      this.pool.gone(this);
    });
    // Idle, the connection is closed before the server would close it; in use, silence for answerMs fails the request.
    socket.on("timeout", () => {
      if (!this.#call) socket.destroy();
      else this.#fail(new Error(`no answer within ${this.pool.answerMs / 1000} s`));
    });
  }

  send(method: string, request: string): Promise<Http1Answer> {
    return new Promise<Http1Answer>((resolve, reject) => {
      this.#call = { resolve, reject };
      this.#parser.expect(method);
      this.socket.setTimeout(this.pool.answerMs);
      this.socket.ref();
      this.socket.write(request);
    });
  }

  #answered(keepAlive: boolean): void {
    const call = this.#call;
    const answer = { status: this.#status, headers: this.#headers, text: Buffer.concat(this.#chunks).toString("utf8") };
    this.#call = undefined;
    this.#chunks = [];
    if (keepAlive && !this.socket.destroyed) {
      this.socket.setTimeout(this.pool.idleMs);
      this.socket.unref();
      this.pool.idle(this);
    } else {
      this.socket.destroy();
    }
    call?.resolve(answer);
  }

  #fail(error: Error): void {
    const call = this.#call;
    this.#call = undefined;
    this.#chunks = [];
    this.socket.destroy();
    this.pool.gone(this);
    call?.reject(error);
  }
}

function headersOf(raw: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}
