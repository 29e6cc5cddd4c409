import type { FastifyRequest } from "fastify";
import { InputError } from "../../errors.js";
import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import { eventsQuery, runEvent, runId } from "../schemas.js";
import { streamRunEvents } from "../sse.js";
import type { ZodApp } from "../zod.js";
import { SIGNED_IN } from "../permission.js";

/** Last-Event-ID (sent by a reconnecting EventSource) wins over ?after=. */
function startAfter(request: FastifyRequest, after: number | undefined): number {
  const header = request.headers["last-event-id"];
  if (header === undefined || header === "") return after ?? 0;
  const id = Number(header);
  if (!Number.isSafeInteger(id) || id < 0)
    throw new InputError(`the Last-Event-ID header must be an event id, got "${String(header)}"`);
  return id;
}

export function registerEventRoutes(app: ZodApp, context: ApiContext): void {
  const { engine } = context;
  app.get(
    "/runs/:id/events",
    {
      config: { sse: true, permission: SIGNED_IN },
      schema: {
        operationId: "streamRunEvents",
        tags: ["runs"],
        summary:
          "A run's events: a Server-Sent Events stream until the run ends, or with ?format=json the events so far",
        description:
          "SSE: each event has `id` (resume with Last-Event-ID or ?after=), `event` (run, step or log) and `data` (the event as JSON); " +
          "the stream ends with an `end` event carrying the run's final status. A comment line is sent every 15 s as a heartbeat.",
        params: runId,
        querystring: eventsQuery,
        response: { 200: runEvent.array(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const after = startAfter(request, request.query.after);
      // An unknown run is a 404 with a JSON body, before any stream starts.
      await engine.get(id);
      if (request.query.format === "json") return engine.events(id, after);
      reply.hijack();
      await streamRunEvents(context, request, reply, id, after);
      return reply;
    },
  );
}
