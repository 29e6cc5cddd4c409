/**
 * A run's events as Server-Sent Events: the stored events after a given id, then live ones as the
 * engine reports them, until the run is final, the client leaves or the server closes.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { EngineApi } from "../engine/api.js";
import type { Clock } from "../engine/clock.js";
import { FINAL_STATUSES } from "../engine/types.js";
import type { RunEvent } from "../engine/types.js";
import type { ApiContext } from "./context.js";
import { toQuikshipError } from "./errors.js";

/** Proxies drop connections that stay silent; a comment line every 15 s keeps them open. */
export const HEARTBEAT_MS = 15_000;

export function formatEvent(event: RunEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export async function streamRunEvents(
  { engine, clock, closing }: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  runId: string,
  after: number,
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
  let last = after;
  try {
    while (!stop.signal.aborted) {
      // The status is read before the events: when it is final, every event is already stored.
      const run = await engine.get(runId);
      for (const event of await engine.events(runId, last)) {
        res.write(formatEvent(event));
        last = event.id;
      }
      if (FINAL_STATUSES.includes(run.status)) {
        res.write(`event: end\ndata: ${JSON.stringify({ runId, status: run.status })}\n\n`);
        break;
      }
      const woke = await nextWake(engine, clock, runId, stop.signal);
      if (woke === "heartbeat" && !stop.signal.aborted) res.write(": heartbeat\n\n");
    }
  } catch (error) {
    const e = toQuikshipError(error);
    if (e.kind === "internal") request.log.error({ err: error, runId }, "the event stream failed");
    res.write(`event: error\ndata: ${JSON.stringify(e.toJSON())}\n\n`);
  } finally {
    res.off("close", onClose);
    stop.dispose();
    res.end();
  }
}

/** Waits for new events or the heartbeat, whichever comes first, and cancels the other. */
async function nextWake(engine: EngineApi, clock: Clock, runId: string, outer: AbortSignal): Promise<"events" | "heartbeat"> {
  const round = linked(outer);
  try {
    return await Promise.race([
      engine.waitForEvents(runId, round.signal).then(() => "events" as const),
      clock.sleep(HEARTBEAT_MS, round.signal).then(() => "heartbeat" as const),
    ]);
  } finally {
    round.abort();
    round.dispose();
  }
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
