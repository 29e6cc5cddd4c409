/**
 * Authentication for /v1: a bearer token or session secret (or the dashboard's session cookie,
 * which then needs the CSRF header on every state-changing request). The secret itself is never
 * logged or stored.
 */
import type { FastifyRequest } from "fastify";
import { ForbiddenError, InternalError, UnauthenticatedError } from "../errors.js";
import { csrfTokenOf, sessionPrincipalOf, tokenPrincipalOf } from "./credentials.js";
import type { CredentialContext } from "./credentials.js";
import type { Principal } from "../access/principal.js";
import { TOKEN_PREFIX } from "./token-secret.js";

export { forgetToken, TOKEN_REUSE_MS } from "./credentials.js";

/** The dashboard's session cookie: HTTP-only, SameSite=Lax, Secure. */
export const SESSION_COOKIE = "qs_session";
/** The header that carries a cookie session's CSRF token on state-changing requests. */
export const CSRF_HEADER = "x-csrf-token";

const principals = new WeakMap<FastifyRequest, Principal>();

/** The principal an authenticated request acts as. */
export function principal(request: FastifyRequest): Principal {
  const p = principals.get(request);
  if (p === undefined)
    throw new InternalError(
      `route ${request.routeOptions.url ?? "(unknown)"} reads the principal but is not authenticated`,
    );
  return p;
}

export type AuthContext = CredentialContext;

declare module "fastify" {
  interface FastifyContextConfig {
    /** An event stream: also takes the token as `?access_token=`, since a browser's EventSource cannot send headers. */
    sse?: boolean;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The cookie of that name in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

type Presented = { secret: string; via: "bearer" | "cookie" } | { secret: undefined; malformed: boolean };

/** The Authorization header; on an event stream the `access_token` query parameter; else the session cookie. */
function presented(request: FastifyRequest): Presented {
  let header = request.headers.authorization;
  if ((header === undefined || header === "") && request.routeOptions.config.sse === true) {
    const token = (request.query as Record<string, unknown> | undefined)?.access_token;
    if (typeof token === "string" && token !== "") header = `Bearer ${token}`;
  }
  if (header !== undefined && header !== "") {
    const secret = BEARER.exec(header)?.[1];
    if (secret === undefined || !secret.startsWith(TOKEN_PREFIX)) return { secret: undefined, malformed: true };
    return { secret, via: "bearer" };
  }
  const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
  if (cookie !== undefined && cookie.startsWith(TOKEN_PREFIX)) return { secret: cookie, via: "cookie" };
  return { secret: undefined, malformed: false };
}

/** An onRequest hook: refuses the request with 401 unless it carries a live token or session of a known user. */
export function authenticate(ctx: AuthContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const given = presented(request);
    if (given.secret === undefined) {
      if (given.malformed)
        throw new UnauthenticatedError(`the Authorization header must be \`Bearer ${TOKEN_PREFIX}...\``);
      const also = request.routeOptions.config.sse === true ? " (or, on an event stream, `?access_token=<token>`)" : "";
      throw new UnauthenticatedError(
        `this call needs a token: send the header \`Authorization: Bearer <token>\`${also}`,
      );
    }
    const p = (await tokenPrincipalOf(ctx, given.secret)) ?? (await sessionPrincipalOf(ctx, given.secret));
    if (p === undefined)
      throw new UnauthenticatedError(given.via === "cookie" ? "unknown session; sign in again" : "unknown token");
    if (given.via === "cookie" && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (sent !== csrfTokenOf(given.secret))
        throw new ForbiddenError(
          `a request signed in by cookie that changes something must carry the \`${CSRF_HEADER}\` header of its session (GET /v1/whoami gives it)`,
          { details: { permission: "csrf" } },
        );
    }
    principals.set(request, p);
  };
}

/** The CSRF token of the request's cookie session, or undefined when it did not come by cookie. */
export function csrfTokenOfRequest(request: FastifyRequest): string | undefined {
  if (request.headers.authorization) return undefined;
  const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
  return cookie === undefined ? undefined : csrfTokenOf(cookie);
}
