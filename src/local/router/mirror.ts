import type { ResponseHead } from "./parser.js";
import type { Connection, UpstreamCall } from "./upstream.js";

/** A mirrored request still unanswered after this is cut off and counted as an error (504). */
export const MIRROR_TIMEOUT_MS = 10_000;

/**
 * A copy of a live read sent to the preview revision: fire and forget. Nobody waits for it; its
 * answer is read, its status and time handed to `done`, and its body discarded. It is never
 * retried, and a failure is counted as the preview's error (502), never the client's.
 */
export class MirrorCall implements UpstreamCall {
  private connection: Connection | undefined;
  private status = 0;
  private finished = false;
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly requestText: string,
    private readonly done: (status: number, latencyMs: number) => void,
    timeoutMs = MIRROR_TIMEOUT_MS,
  ) {
    this.timer = setTimeout(() => {
      this.connection?.cancel(this);
      this.finish(504);
    }, timeoutMs).unref();
  }

  start(connection: Connection): void {
    if (this.finished) {
      // Cut off while it waited for a connection: send nothing, hand the connection back.
      connection.cancel(this);
      return;
    }
    this.connection = connection;
    connection.socket.write(this.requestText, "latin1");
    connection.requestDone = true;
  }

  head(head: ResponseHead): void {
    this.status = head.status;
  }

  body(): void {}

  end(): void {
    this.finish(this.status);
  }

  fail(): void {
    this.finish(502);
  }

  private finish(status: number): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    this.done(status, performance.now() - this.started);
  }
}
