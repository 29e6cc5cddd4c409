/**
 * Bearer-token authentication for /v1: the token's hash is looked up, its user's groups come
 * from the platform file. The token itself is never logged or stored.
 */
import type { FastifyRequest } from "fastify";
import type { Platform } from "../config/types.js";
import type { Clock } from "../engine/clock.js";
import { ForbiddenError, InternalError, UnauthenticatedError } from "../errors.js";
import type { Db } from "../store/db.js";
import type { TokenRow } from "../store/rows.js";
import { findTokenByHash } from "../store/tokens/find-by-hash.js";
import { touchToken } from "../store/tokens/touch.js";
import { principalOf } from "./principal.js";
import type { Principal } from "./principal.js";
import { hashToken, TOKEN_PREFIX } from "./token-secret.js";

/** last_used_at is kept to the minute: finer would cost a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

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

export interface AuthContext {
  db: Db;
  platform: Platform;
  clock: Clock;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** An event stream: also takes the token as `?access_token=`, since a browser's EventSource cannot send headers. */
    sse?: boolean;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The Authorization header, or on an event stream the `access_token` query parameter as if it were one. */
function credentials(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined && header !== "") return header;
  if (request.routeOptions.config.sse !== true) return undefined;
  const query = request.query as Record<string, unknown> | undefined;
  const token = query?.access_token;
  return typeof token === "string" && token !== "" ? `Bearer ${token}` : undefined;
}

/** An onRequest hook: refuses the request with 401 unless it carries a live token of a known user. */
export function authenticate({ db, platform, clock }: AuthContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = credentials(request);
    if (header === undefined) {
      const also = request.routeOptions.config.sse === true ? " (or, on an event stream, `?access_token=<token>`)" : "";
      throw new UnauthenticatedError(
        `this call needs a token: send the header \`Authorization: Bearer <token>\`${also}`,
      );
    }
    const token = BEARER.exec(header)?.[1];
    if (token === undefined || !token.startsWith(TOKEN_PREFIX)) {
      throw new UnauthenticatedError(`the Authorization header must be \`Bearer ${TOKEN_PREFIX}...\``);
    }
    const hash = hashToken(token);
    const known = recentTokens(db);
    const hit = known.get(hash);
    const fresh = hit !== undefined && performance.now() - hit.atMs < TOKEN_REUSE_MS;
    const row = fresh ? hit.row : await findTokenByHash(db.kysely, hash);
    if (row === undefined) throw new UnauthenticatedError("unknown token");
    if (row.revoked_at !== null) throw new UnauthenticatedError(`token ${row.id} was revoked`);
    const p = principalOf(platform, row.user_name, row.id);
    if (p === undefined)
      throw new UnauthenticatedError(
        `token ${row.id} belongs to user "${row.user_name}", who is no longer in the platform file`,
      );
    principals.set(request, p);
    if (fresh) return;
    // Only live tokens are kept: an unknown or revoked one is looked up again every time.
    if (known.size >= MAX_TOKENS_KEPT) known.clear();
    known.set(hash, { row, atMs: performance.now() });
    await touchToken(db.kysely, row.id, clock.now(), LAST_USED_RESOLUTION_MS);
  };
}

/**
 * A live token's row is reused for this long after it was read, by hash: a request then costs no
 * store read or write for its token. A token revoked through this server stops working at once
 * (forgetToken); one revoked through another server on the same database within this time.
 */
export const TOKEN_REUSE_MS = 5_000;
const MAX_TOKENS_KEPT = 10_000;
const tokenRows = new WeakMap<Db, Map<string, { row: TokenRow; atMs: number }>>();

function recentTokens(db: Db): Map<string, { row: TokenRow; atMs: number }> {
  let known = tokenRows.get(db);
  if (known === undefined) {
    known = new Map();
    tokenRows.set(db, known);
  }
  return known;
}

/** Forgets a token's reused row (it was revoked): its next request reads the store. */
export function forgetToken(db: Db, id: string): void {
  const known = tokenRows.get(db);
  if (known === undefined) return;
  for (const [hash, { row }] of known) if (row.id === id) known.delete(hash);
}

/** A preHandler hook for administrators' routes: 403 for everyone else. */
export function requireAdmin(request: FastifyRequest): Promise<void> {
  const p = principal(request);
  if (!p.admin) {
    return Promise.reject(
      new ForbiddenError(
        `user "${p.user}" is not an administrator: only members of an admin group (or the admin user) may do this`,
        {
          details: { user: p.user, groups: p.groups },
        },
      ),
    );
  }
  return Promise.resolve();
}
