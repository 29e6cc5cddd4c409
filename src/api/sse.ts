/**
 * Server-Sent Events: a run's events (the stored ones after a given id, then live ones until the
 * run is final), and the plumbing every stream shares — headers, heartbeat, and the end when the
 * client leaves or the server closes.
 */
import type { ServerResponse } from "node:http";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../engine/clock.js";
import { FINAL_STATUSES } from "../engine/types.js";
import type { RunEvent } from "../engine/types.js";
import type { ApiContext } from "./context.js";
import { toQuikshipError } from "./errors.js";
import { isKind } from "../kind.js";

/** Proxies drop connections that stay silent; a comment line after 15 s of quiet keeps them open. */
export const HEARTBEAT_MS = 15_000;

export function formatEvent(event: RunEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** An open stream: write to it until `signal` aborts (the client left or the server closes). */
export interface SseStream {
  signal: AbortSignal;
  write(text: string): void;
  /** Waits for `wake` or until a heartbeat is due, whichever is first; sends the heartbeat when it is. */
  idle(wake: (signal: AbortSignal) => Promise<void>): Promise<void>;
}

/**
 * Answers the request with an event stream and runs `body` on it. An error after the stream
 * started is sent as an `error` event; the response always ends.
 */
export async function withSseStream(
  { clock, closing }: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  body: (stream: SseStream) => Promise<void>,
): Promise<void> {
  const res = reply.raw;
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  const stop = linked(closing);
  const onClose = (): void => stop.abort();
  res.on("close", onClose);
  try {
    await body(sseStream(res, clock, stop.signal));
  } catch (error) {
    const e = toQuikshipError(error);
    if (isKind(e, "internal"))
      request.log.error({ err: error, url: request.routeOptions.url }, "the event stream failed");
    res.write(`event: error\ndata: ${JSON.stringify(e.toJSON())}\n\n`);
  } finally {
    res.off("close", onClose);
    stop.dispose();
    res.end();
  }
}

function sseStream(res: ServerResponse, clock: Clock, signal: AbortSignal): SseStream {
  let lastWriteMs = clock.now();
  const write = (text: string): void => {
    res.write(text);
    lastWriteMs = clock.now();
  };
  return {
    signal,
    write,
    async idle(wake) {
      const dueMs = Math.max(0, lastWriteMs + HEARTBEAT_MS - clock.now());
      const round = linked(signal);
      try {
        await Promise.race([wake(round.signal), clock.sleep(dueMs, round.signal)]);
      } finally {
        round.abort();
        round.dispose();
      }
      // Measured, not raced: the engine's wake comes every second, so a raced timer would never win.
      if (!signal.aborted && clock.now() - lastWriteMs >= HEARTBEAT_MS) write(": heartbeat\n\n");
    },
  };
}

export async function streamRunEvents(
  context: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  runId: string,
  after: number,
): Promise<void> {
  const { engine } = context;
  await withSseStream(context, request, reply, async (stream) => {
    let last = after;
    while (!stream.signal.aborted) {
      // The status is read before the events: when it is final, every event is already stored.
      const run = await engine.get(runId);
      let ended = false;
      for (const event of await engine.events(runId, last)) {
        stream.write(formatEvent(event));
        last = event.id;
        ended ||= event.type === "run" && FINAL_STATUSES.includes(event.data.status);
      }
      if (FINAL_STATUSES.includes(run.status)) {
        stream.write(`event: end\ndata: ${JSON.stringify({ runId, status: run.status })}\n\n`);
        return;
      }
      // The run ended between the two reads: its change was told before this stream waited for it.
      if (ended) continue;
      await stream.idle((signal) => engine.waitForEvents(runId, signal));
    }
  });
}

interface Linked {
  signal: AbortSignal;
  abort(): void;
  /** Unhooks from the parent; without it every round would stay attached to the server's signal. */
  dispose(): void;
}

/** A controller aborted with its parent. */
function linked(parent: AbortSignal): Linked {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  if (parent.aborted) abort();
  else parent.addEventListener("abort", abort, { once: true });
  return { signal: controller.signal, abort, dispose: () => parent.removeEventListener("abort", abort) };
}
