import net from "node:net";
import type { ResponseHead } from "./parser.js";
import { ResponseParser } from "./parser.js";

/** What a request in flight on an instance connection is told. */
export interface UpstreamCall {
  /** A connection is assigned: write the request on it. */
  start(connection: Connection): void;
  head(head: ResponseHead): void;
  body(chunk: Buffer): void;
  end(): void;
  /** The connection failed; `answered`: part of the response had arrived already. */
  fail(error: NodeJS.ErrnoException, answered: boolean, reused: boolean): void;
}

/** One kept-alive connection to an instance; its listeners are installed once, not per request. */
export class Connection {
  readonly socket: net.Socket;
  private readonly parser: ResponseParser;
  private call: UpstreamCall | undefined;
  private answered = false;
  /** Whether the current request was written in full: only then may the connection be reused. */
  requestDone = false;
  reused = false;
  idleSince = 0;

  constructor(private readonly pool: Pool) {
    this.parser = new ResponseParser({
      onHead: (head) => {
        this.answered = true;
        this.call?.head(head);
      },
      onBody: (chunk) => this.call?.body(chunk),
      onEnd: (keepAlive) => this.finish(keepAlive),
    });
    this.socket = net.connect({ host: pool.host, port: pool.port, noDelay: true });
    this.socket.on("data", (chunk: Buffer) => {
      try {
        this.parser.push(chunk);
      } catch (error) {
        this.abort(error as Error);
      }
    });
    this.socket.on("error", (error) => this.abort(error));
    this.socket.on("close", () => {
      this.pool.closed(this);
      if (!this.call || this.parser.close()) return;
      const error: NodeJS.ErrnoException = new Error("the instance closed the connection");
      error.code = "ECONNRESET";
      this.abort(error);
    });
  }

  begin(call: UpstreamCall, method: string): void {
    this.call = call;
    this.answered = false;
    this.requestDone = false;
    this.parser.expect(method);
    call.start(this);
  }

  /** Drops the current request without telling it (its client went away). */
  cancel(call: UpstreamCall): void {
    if (this.call !== call) return;
    this.call = undefined;
    this.socket.destroy();
  }

  /** Gives the rest of `call`'s response to `to` (a hedged read's late answer), unless the connection has moved on. */
  handOver(call: UpstreamCall, to: UpstreamCall): boolean {
    if (this.call !== call) return false;
    this.call = to;
    if (this.socket.isPaused()) this.socket.resume();
    return true;
  }

  /** Ends the backpressure `call` applied, unless the connection has moved on to another request. */
  resumeFor(call: UpstreamCall): void {
    if (this.call === call) this.socket.resume();
  }

  private finish(keepAlive: boolean): void {
    const call = this.call;
    this.call = undefined;
    // The last chunk may have left the socket paused, with no drain to come once the response ended.
    if (this.socket.isPaused()) this.socket.resume();
    if (keepAlive && this.requestDone && !this.socket.destroyed) this.pool.release(this);
    else this.socket.destroy();
    call?.end();
  }

  private abort(error: NodeJS.ErrnoException): void {
    const call = this.call;
    this.call = undefined;
    this.socket.destroy();
    call?.fail(error, this.answered, this.reused);
  }
}

/**
 * Connections to one instance: idle ones reused last-in first-out, at most `maxSockets` open,
 * requests beyond that wait in order.
 */
export class Pool {
  private readonly idle: Connection[] = [];
  private readonly waiting: { call: UpstreamCall; method: string }[] = [];
  private open = 0;

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly maxSockets: number,
  ) {}

  /** Sends on an idle connection (unless `fresh`), else a new one, else once one is free. */
  send(call: UpstreamCall, method: string, fresh = false): void {
    let connection = fresh ? undefined : this.idle.pop();
    // A connection the instance has just closed may still be listed until its close event.
    while (connection && !connection.socket.writable) connection = this.idle.pop();
    if (connection) {
      connection.reused = true;
      connection.begin(call, method);
    } else if (this.open < this.maxSockets) {
      this.open++;
      new Connection(this).begin(call, method);
    } else {
      this.waiting.push({ call, method });
    }
  }

  release(connection: Connection): void {
    const next = this.waiting.shift();
    if (next) {
      connection.reused = true;
      connection.begin(next.call, next.method);
      return;
    }
    connection.idleSince = performance.now();
    this.idle.push(connection);
  }

  closed(connection: Connection): void {
    this.open--;
    const at = this.idle.indexOf(connection);
    if (at !== -1) this.idle.splice(at, 1);
    // A waiting request takes the freed slot on a new connection.
    const next = this.waiting.shift();
    if (next) this.send(next.call, next.method);
  }

  /** Closes connections idle since before `before` (ms, performance clock); true when none is left. */
  sweep(before: number): boolean {
    for (const connection of this.idle.filter((c) => c.idleSince < before)) connection.socket.destroy();
    return this.open === 0 && this.waiting.length === 0;
  }

  destroy(): void {
    this.waiting.length = 0;
    for (const connection of [...this.idle]) connection.socket.destroy();
  }
}
