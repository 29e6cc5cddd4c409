import type { IncomingMessage, ServerResponse } from "node:http";
import { UnavailableError } from "../../errors.js";
import type { ResponseHead } from "./parser.js";
import type { RevisionRoute, Target } from "./routes.js";
import { pickTarget } from "./routes.js";
import type { Connection, Pool, UpstreamCall } from "./upstream.js";

/** Headers that describe one connection, not the message: never forwarded either way. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "expect",
]);
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

export type BodyFraming = "none" | "length" | "chunked";

/** The Host header, read from the raw pairs: `req.headers` would build an object per request. */
export function hostOf(raw: string[]): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 4 && name.toLowerCase() === "host") return raw[i + 1];
  }
  return undefined;
}

/** Whether the request asks for the service's preview route with `x-quikship-preview: 1`. */
export function previewRequested(raw: string[]): boolean {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 18 && name.toLowerCase() === "x-quikship-preview") return raw[i + 1]!.trim() === "1";
  }
  return false;
}

/**
 * The request head for an instance, as latin1 text: hop-by-hop headers dropped (Node's server has
 * already answered any `Expect: 100-continue`), X-Forwarded-* set, the body framed anew. A mirror's
 * copy has no body and says it is one (`x-quikship-mirror: 1`).
 */
export function requestHead(req: IncomingMessage, path: string, mirror = false): { head: string; body: BodyFraming } {
  const raw = req.rawHeaders;
  let head = `${req.method} ${path} HTTP/1.1\r\n`;
  let forwardedFor = "";
  let host = "";
  let body: BodyFraming = "none";
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    const lower = name.toLowerCase();
    if (lower === "host") host = value;
    else if (lower === "content-length") {
      if (mirror) continue;
      body = value === "0" ? body : "length";
    } else if (lower === "transfer-encoding") {
      body = "chunked";
      continue;
    }
    if (HOP_BY_HOP.has(lower) || lower.startsWith("x-forwarded-")) {
      if (lower === "x-forwarded-for") forwardedFor = forwardedFor ? `${forwardedFor}, ${value}` : value;
      continue;
    }
    head += `${name}: ${value}\r\n`;
  }
  const client = req.socket.remoteAddress ?? "";
  if (!host) head += `host: ${req.socket.localAddress ?? "localhost"}\r\n`;
  head += `x-forwarded-for: ${forwardedFor ? `${forwardedFor}, ${client}` : client}\r\nx-forwarded-host: ${host}\r\nx-forwarded-proto: http\r\n`;
  if (mirror) return { head: head + "x-quikship-mirror: 1\r\n\r\n", body: "none" };
  if (body === "chunked") head += "transfer-encoding: chunked\r\n";
  return { head: head + "\r\n", body };
}

function responseHeaders(raw: string[], revision: string, shieldedFrom: string | undefined): string[] {
  const headers: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.push(name, raw[i + 1]!);
  }
  headers.push("x-quikship-revision", revision);
  if (shieldedFrom !== undefined) headers.push("x-quikship-shielded-from", shieldedFrom);
  return headers;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, revision?: string): void {
  const text = JSON.stringify(body);
  const headers = ["content-type", "application/json", "content-length", String(Buffer.byteLength(text))];
  if (revision !== undefined) headers.push("x-quikship-revision", revision);
  res.writeHead(status, headers);
  res.end(text);
}

/**
 * A read sent to a guarded canary. If the canary answers 5xx, `count` counts that answer for the
 * canary (so the guard judges it) and the request is sent again to `stable`, whose answer the
 * client gets. If it has not answered after `hedgeMs`, the request is sent to `stable` too and
 * the client gets the stable answer; the canary's answer is still counted when it ends. Only
 * bodiless GET and HEAD requests are shielded: they can be sent twice.
 */
export interface Shield {
  stable: RevisionRoute;
  hedgeMs: number | undefined;
  /** Counts an answer of the canary, with its latency from the request's arrival. */
  count(status: number): void;
}

/** The rest of a hedged canary read: nobody waits for it, its status is counted when it ends. */
class LateAnswer implements UpstreamCall {
  private status = 0;

  constructor(private readonly count: (status: number) => void) {}

  start(): void {}

  head(head: ResponseHead): void {
    this.status = head.status;
  }

  body(): void {}

  end(): void {
    this.count(this.status);
  }

  /** Cut off mid-answer or before it: a failed answer, as the client would have seen it. */
  fail(): void {
    this.count(502);
  }
}

/**
 * One request on its way to a revision's instance, streaming both bodies. A connection error
 * before any response byte is retried once on another instance of the same revision; with a
 * single instance, only a reused kept-alive connection the instance had just closed is retried.
 * A shielded canary read that fails is answered by the stable revision instead (see Shield).
 */
export class Exchange implements UpstreamCall {
  /** The response failed after its head was sent: counted as a proxy failure. */
  broken = false;
  private retried = false;
  private bodyStarted = false;
  private connection: Connection | undefined;
  private target: Target | undefined;
  private detachBody: (() => void) | undefined;
  private hedge: NodeJS.Timeout | undefined;
  /** The canary revision a shielded read was first sent to (the `x-quikship-shielded-from` header). */
  private shieldedFrom: string | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    /** The revision answering; the stable one once a shielded canary read failed. */
    public revision: RevisionRoute,
    private readonly requestText: string,
    private readonly framing: BodyFraming,
    private readonly poolOf: (target: Target) => Pool,
    private shield?: Shield,
  ) {}

  /** `fresh`: on a new connection, not a kept-alive one (a retry after a stale one failed). */
  forward(target: Target, fresh = false): void {
    this.target = target;
    this.poolOf(target).send(this, this.req.method ?? "GET", fresh);
    const hedgeMs = this.shield?.hedgeMs;
    if (hedgeMs !== undefined && this.hedge === undefined) this.hedge = setTimeout(() => this.hedgeNow(), hedgeMs);
  }

  /** The client went away: stop the instance's side too. */
  cancel(): void {
    this.stopHedge();
    this.connection?.cancel(this);
  }

  start(connection: Connection): void {
    this.connection = connection;
    const { socket } = connection;
    socket.write(this.requestText, "latin1");
    if (this.framing === "none") connection.requestDone = true;
    // The body waits for the connection: a refused one can then be retried with the body unread.
    else if (socket.connecting) socket.once("connect", () => this.streamBody(connection));
    else this.streamBody(connection);
  }

  head(head: ResponseHead): void {
    this.stopHedge();
    if (this.shield && head.status >= 500 && this.shieldFail(head.status)) return;
    this.shield = undefined;
    try {
      this.res.writeHead(
        head.status,
        head.statusMessage,
        responseHeaders(head.rawHeaders, this.revision.header, this.shieldedFrom),
      );
    } catch (error) {
      this.connection?.cancel(this);
      this.reject(error as Error);
    }
  }

  body(chunk: Buffer): void {
    const connection = this.connection;
    if (this.res.write(chunk) || !connection) return;
    connection.socket.pause();
    this.res.once("drain", () => connection.resumeFor(this));
  }

  end(): void {
    // An instance may answer before reading the whole body: drop the rest rather than stall the client.
    this.detachBody?.();
    this.res.end();
  }

  fail(error: NodeJS.ErrnoException, answered: boolean, reused: boolean): void {
    const { res, revision } = this;
    if (res.destroyed || res.writableEnded) return;
    if (!answered && !res.headersSent && !this.retryable(error, reused) && this.shield && this.shieldFail(502)) return;
    if (answered || res.headersSent) {
      this.broken = true;
      res.destroy();
      return;
    }
    if (this.retryable(error, reused)) {
      const other = pickTarget(revision, this.target);
      if (other || reused) {
        this.retried = true;
        this.forward(other ?? this.target!, !other);
        return;
      }
    }
    this.reject(error);
  }

  private stopHedge(): void {
    if (this.hedge === undefined) return;
    clearTimeout(this.hedge);
    this.hedge = undefined;
  }

  /** The canary is slow to answer a shielded read: the stable revision answers, the canary's answer is counted when it comes. */
  private hedgeNow(): void {
    this.hedge = undefined;
    const { shield, connection } = this;
    if (!shield || !connection || this.res.headersSent || this.res.destroyed) return;
    const target = pickTarget(shield.stable);
    if (!target || !connection.handOver(this, new LateAnswer((status) => shield.count(status)))) return;
    this.shield = undefined;
    this.connection = undefined;
    this.shieldedFrom = this.revision.header;
    this.revision = shield.stable;
    this.retried = false;
    this.forward(target);
  }

  /** The canary failed a shielded read: count it as the canary's, then ask the stable revision. */
  private shieldFail(status: number): boolean {
    this.stopHedge();
    const shield = this.shield!;
    this.shield = undefined;
    const target = pickTarget(shield.stable);
    if (!target) return false;
    shield.count(status);
    this.connection?.cancel(this);
    this.connection = undefined;
    this.shieldedFrom = this.revision.header;
    this.revision = shield.stable;
    this.retried = false;
    this.forward(target);
    return true;
  }

  private reject(error: Error): void {
    this.stopHedge();
    this.detachBody?.();
    const { revision } = this;
    const service = revision.metrics.service;
    const message = `no instance of ${service} revision ${revision.revision} answered: ${error.message}`;
    const details = { service, revision: revision.revision, instance: this.target?.id };
    sendJson(this.res, 502, new UnavailableError(message, { details }).toJSON(), revision.header);
  }

  private retryable(error: NodeJS.ErrnoException, reused: boolean): boolean {
    if (this.retried) return false;
    // Refused: nothing was sent, and the body is still unread.
    if (error.code === "ECONNREFUSED") return true;
    if (error.code !== "ECONNRESET" && error.code !== "EPIPE") return false;
    if (this.bodyStarted) return false;
    return reused || IDEMPOTENT.has(this.req.method ?? "GET");
  }

  private streamBody(connection: Connection): void {
    const { req } = this;
    const { socket } = connection;
    const chunked = this.framing === "chunked";
    this.bodyStarted = true;
    const resume = (): void => void req.resume();
    const onData = (chunk: Buffer): void => {
      if (chunk.length === 0) return;
      if (chunked) socket.write(`${chunk.length.toString(16)}\r\n`);
      const written = socket.write(chunk);
      if (chunked) socket.write("\r\n");
      if (!written) {
        req.pause();
        socket.once("drain", resume);
      }
    };
    const onEnd = (): void => {
      if (chunked) socket.write("0\r\n\r\n");
      connection.requestDone = true;
    };
    this.detachBody = () => {
      req.off("data", onData).off("end", onEnd);
      socket.off("drain", resume);
      req.resume();
    };
    req.on("data", onData).on("end", onEnd);
  }
}
