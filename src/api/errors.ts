/**
 * The API's one error handler: whatever went wrong becomes a QuikshipError, whose kind gives the
 * status (src/errors.ts), and the body is always `{error: {kind, message, details}}`.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import * as z from "zod";
import type { Socket } from "node:net";
import { ERROR_KINDS, InputError, InternalError, NotFoundError, QuikshipError, TooLargeError } from "../errors.js";
import { BODY_LIMITS } from "./body-limits.js";
import { isKind } from "../kind.js";

export const errorBody = z
  .object({
    error: z.object({
      kind: z.enum(ERROR_KINDS),
      message: z.string(),
      details: z.unknown().optional().describe("Kind-specific: validation issues, known names, ..."),
    }),
  })
  .describe(
    "An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503.",
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
  413: errorBody,
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
  if (isFastifyError(error) && error.statusCode === 413) {
    return new TooLargeError("body", `the body is larger than the ${BODY_LIMITS.bytes} bytes this server accepts`, {
      details: { code: error.code, limit: BODY_LIMITS.bytes },
      cause: error,
    });
  }
  // Fastify's own other 4xx errors (malformed JSON, wrong content type, a bad URL) are the client's input.
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
    if (isKind(e, "internal")) request.log.error({ err: error }, "request failed with an internal error");
    else request.log.info({ kind: e.kind, message: e.message }, "request refused");
    return sendError(reply, e);
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) =>
    sendError(reply, new NotFoundError(`no such route: ${request.method} ${request.url.split("?")[0]}`)),
  );
}

/**
 * Errors node's HTTP parser finds before fastify sees a request (headers too large, a malformed
 * request line) answered with the one error body, as fastify's own would not be.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const e =
    error.code === "HPE_HEADER_OVERFLOW"
      ? new TooLargeError("headers", "the request's headers are larger than this server accepts")
      : new InputError(`malformed HTTP request: ${error.message}`, { details: { code: error.code ?? null } });
  const status = error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : e.httpStatus;
  const body = JSON.stringify(e.toJSON());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${status === 431 ? "Request Header Fields Too Large" : status === 408 ? "Request Timeout" : "Bad Request"}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** Fastify's framework errors (a URL it cannot decode, say), with the one error body. */
export function frameworkErrors(error: unknown, _request: FastifyRequest, reply: FastifyReply): void {
  void sendError(reply, toQuikshipError(error));
}
