import type { FastifyReply } from "fastify";
import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import { statusQuery, statusView } from "../service-schemas.js";
import { readStatusSnapshot } from "../status-cache.js";
import type { ZodApp } from "../zod.js";
import { SIGNED_IN } from "../permission.js";

export function registerStatusRoutes(app: ZodApp, context: ApiContext): void {
  app.get(
    "/status",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "getStatus",
        tags: ["services"],
        summary: "The environment × service matrix: active revision, replicas, health, rollouts in progress, router",
        querystring: statusQuery,
        response: { 200: statusView, ...commonErrors },
      },
    },
    // The answer is the shared snapshot's bytes, made once for every caller (bytes with a JSON
    // content type are sent as they are; the schema above still documents them).
    async (request, reply) => {
      const snapshot = await readStatusSnapshot(context, request.query.environment);
      const sent = (reply as FastifyReply).type("application/json; charset=utf-8").header("vary", "accept-encoding");
      if (!acceptsGzip(request.headers["accept-encoding"])) return sent.send(snapshot.bytes);
      return sent.header("content-encoding", "gzip").send(await snapshot.gzip());
    },
  );
}

/** Whether an Accept-Encoding header takes gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return (coding === "gzip" || coding === "x-gzip") && (q === undefined || Number(q.slice(2)) > 0);
  });
}
