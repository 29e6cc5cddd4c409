/**
 * The API's one error handler: whatever went wrong becomes a QuikshipError, whose kind gives the
 * status (src/errors.ts), and the body is always `{error: {kind, message, details}}`.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import * as z from "zod";
import { ERROR_KINDS, InputError, InternalError, NotFoundError, QuikshipError } from "../errors.js";

export const errorBody = z
  .object({
    error: z.object({
      kind: z.enum(ERROR_KINDS),
      message: z.string(),
      details: z.unknown().optional().describe("Kind-specific: validation issues, known names, ..."),
    }),
  })
  .describe(
    "An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503.",
  );

/**
 * Responses every authenticated route may give, for the OpenAPI document: 503 too, as any route
 * answers it while the server shuts down or the database does not answer.
 */
export const commonErrors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  500: errorBody,
  503: errorBody,
} as const;

function isFastifyError(error: unknown): error is FastifyError {
  return (
    error instanceof Error &&
    typeof (error as Partial<FastifyError>).code === "string" &&
    (error as Partial<FastifyError>).code!.startsWith("FST_")
  );
}

/** Any thrown value as the QuikshipError the client sees. */
export function toQuikshipError(error: unknown): QuikshipError {
  if (error instanceof QuikshipError) return error;
  // Fastify's own 4xx errors (malformed JSON, wrong content type, body too large) are the client's input.
  if (isFastifyError(error) && error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new InputError(error.message, { details: { code: error.code }, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new InternalError(message, { cause: error });
}

export function sendError(reply: FastifyReply, error: QuikshipError): FastifyReply {
  return reply.code(error.httpStatus).type("application/json; charset=utf-8").send(error.toJSON());
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const e = toQuikshipError(error);
    if (e.kind === "internal") request.log.error({ err: error }, "request failed with an internal error");
    else request.log.info({ kind: e.kind, message: e.message }, "request refused");
    return sendError(reply, e);
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) =>
    sendError(reply, new NotFoundError(`no such route: ${request.method} ${request.url.split("?")[0]}`)),
  );
}
