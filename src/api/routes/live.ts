/**
 * Live views as Server-Sent Events: the status matrix, the caller's pending approvals and the runs
 * list. Each
 * event is a whole snapshot, sent first and then whenever it changes; the engine's change
 * notifications say when to look again.
 */
import { createHash } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { FastifyReply, FastifyRequest } from "fastify";
import * as z from "zod";
import type { RunFilter } from "../../engine/api.js";
import type { RunView } from "../../engine/types.js";
import { principal } from "../auth.js";
import { coalesce } from "../coalesce.js";
import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import { jsonSchemaOf } from "../zod.js";
import type { ZodApp } from "../zod.js";
import { pendingApproval } from "../promotion-schemas.js";
import { accessToken, runFilter, runView } from "../schemas.js";
import { statusQuery, statusView } from "../service-schemas.js";
import { withSseStream } from "../sse.js";
import { readStatusSnapshot } from "../status-cache.js";
import { SIGNED_IN } from "../permission.js";

const statusEventsQuery = statusQuery.extend({ access_token: accessToken });
const approvalsEventsQuery = z.strictObject({ access_token: accessToken });
const runsEventsQuery = runFilter.extend({ access_token: accessToken });

const SNAPSHOTS =
  "Server-Sent Events. Each event carries the whole snapshot as `data`: first the current one, then a new one whenever it changes " +
  "(a run submitted, moved on or decided; a revision activated or failed; made by this server or, on PostgreSQL, by another one sharing the database, which tells the others at once; after at most a second if that notification is lost). " +
  "An event's `id` names its snapshot: a client reconnecting with `Last-Event-ID` gets the first event only when the snapshot differs. " +
  "A comment line is sent after 15 s without events. Auth: the Authorization header, or `?access_token=` where a client cannot send headers.";

/** A 200 that is an event stream, documented with the schema of each event's data. */
function eventStream(schema: z.ZodType, event: string): Record<string, unknown> {
  return {
    description: `text/event-stream of \`${event}\` events`,
    content: { "text/event-stream": { schema: jsonSchemaOf(schema, "output") } },
  };
}

export function registerLiveRoutes(app: ZodApp, context: ApiContext): void {
  app.get(
    "/status/events",
    {
      config: { sse: true, permission: SIGNED_IN },
      schema: {
        operationId: "streamStatus",
        tags: ["services"],
        summary: "The status matrix, live: a `status` event with the matrix now, then one whenever it changes",
        description: SNAPSHOTS,
        querystring: statusEventsQuery,
        response: { 200: eventStream(statusView, "status"), ...commonErrors },
      },
    },
    async (request, reply) => {
      const asked = request.query.environment;
      // An unknown environment is a 404 with a JSON body, before any stream starts.
      const first = await readStatusSnapshot(context, asked);
      // A status snapshot carries its JSON and id, made once for every stream.
      await streamSnapshots(
        context,
        request,
        reply,
        "status",
        first,
        () => readStatusSnapshot(context, asked),
        (s) => s,
      );
      return reply;
    },
  );

  app.get(
    "/approvals/events",
    {
      config: { sse: true, permission: SIGNED_IN },
      schema: {
        operationId: "streamApprovals",
        tags: ["approvals"],
        summary:
          "The runs waiting for approval as you see them, live: an `approvals` event with the list now, then one whenever it changes",
        description: SNAPSHOTS,
        querystring: approvalsEventsQuery,
        response: { 200: eventStream(pendingApproval.array(), "approvals"), ...commonErrors },
      },
    },
    async (request, reply) => {
      const { user: actor, groups } = principal(request);
      const read = () => context.engine.pendingApprovals({ actor, groups });
      await streamSnapshots(context, request, reply, "approvals", await read(), read, hashed);
      return reply;
    },
  );

  app.get(
    "/runs/events",
    {
      config: { sse: true, permission: SIGNED_IN },
      schema: {
        operationId: "streamRuns",
        tags: ["runs"],
        summary:
          "The runs list, live: a `runs` event with the list `GET /v1/runs` answers for the same filters now, then one whenever it changes",
        description: SNAPSHOTS,
        querystring: runsEventsQuery,
        response: { 200: eventStream(runView.array(), "runs"), ...commonErrors },
      },
    },
    async (request, reply) => {
      // A filter value the schema refuses was a 400 before this handler; the token is no filter.
      const { access_token: _token, ...filter } = request.query;
      const read = () => sharedRunList(context, filter);
      await streamSnapshots(context, request, reply, "runs", await read(), read, hashed, RUNS_MIN_GAP_MS);
      return reply;
    },
  );
}

/**
 * A canary saves its step four times a second and each save changes the run list: a runs stream
 * sends the list at most this often (reading it again no sooner after a change it sent), and
 * streams with the same filters share each read.
 */
const RUNS_MIN_GAP_MS = 500;

const runLists = new WeakMap<ApiContext, (key: string) => Promise<RunView[]>>();

function sharedRunList(context: ApiContext, filter: RunFilter): Promise<RunView[]> {
  let reader = runLists.get(context);
  if (reader === undefined) {
    reader = coalesce((key: string) => context.engine.list(JSON.parse(key) as RunFilter));
    runLists.set(context, reader);
  }
  return reader(JSON.stringify(filter));
}

/** A snapshot's JSON, and as its id a hash of it: a client that has it is sent nothing. */
function hashed(value: unknown): { json: string; id: string } {
  const json = JSON.stringify(value);
  return { json, id: createHash("sha256").update(json).digest("base64url").slice(0, 16) };
}

async function streamSnapshots<T>(
  context: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  event: string,
  first: T,
  read: () => Promise<T>,
  encode: (value: T) => { json: string; id: string },
  minGapMs = 0,
): Promise<void> {
  reply.hijack();
  const header = request.headers["last-event-id"];
  let lastId = typeof header === "string" && header !== "" ? header : undefined;
  await withSseStream(context, request, reply, async (stream) => {
    let value = first;
    let sentAt = -Infinity;
    while (!stream.signal.aborted) {
      const { id, json } = encode(value);
      if (id !== lastId) {
        stream.write(`id: ${id}\nevent: ${event}\ndata: ${json}\n\n`);
        // Real time, not the injected clock: this bounds work, not a rule of the domain.
        sentAt = performance.now();
      }
      lastId = id;
      await stream.idle((signal) => context.engine.waitForChange(signal));
      // Counted from the last snapshot sent, not the last read: the re-read each second that finds
      // nothing new must not hold back the change that comes just after it.
      const gap = minGapMs - (performance.now() - sentAt);
      if (gap > 0) await delay(gap, undefined, { signal: stream.signal }).catch(() => undefined);
      if (!stream.signal.aborted) value = await read();
    }
  });
}
