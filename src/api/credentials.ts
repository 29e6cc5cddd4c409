/**
 * From a presented secret to a principal: a token (bootstrap, personal, issued or service) or a
 * sign-in session. Groups come from the platform in use now, so a reload or a provider change
 * takes effect at once; a session's provider groups are read again once per refresh interval.
 */
import { createHash } from "node:crypto";
import type { Platform } from "../config/types.js";
import type { Clock } from "../engine/clock.js";
import { UnauthenticatedError } from "../errors.js";
import type { Db } from "../store/db.js";
import { fromJson, toJson } from "../store/json.js";
import type { JsonText } from "../store/json.js";
import type { SessionRow, TokenRow } from "../store/rows.js";
import { findSessionByHash, latestSessionGroups, refreshSession, revokeSession } from "../store/sessions/sessions.js";
import { findTokenByHash } from "../store/tokens/find-by-hash.js";
import { touchToken } from "../store/tokens/touch.js";
import { membership } from "../access/principal.js";
import type { AuthMethod, Principal } from "../access/principal.js";
import { hashToken } from "./token-secret.js";
import { isKind } from "../kind.js";

/** Reads a session's groups again from its provider; "revoked" when the provider refuses. */
export interface SessionRefresher {
  refresh(session: SessionRow): Promise<{ groups: string[]; refreshToken: string | null } | "revoked">;
}

export interface CredentialContext {
  db: Db;
  platform: () => Platform;
  clock: Clock;
  /** The sign-in service in use now (a reload may change or remove the provider). */
  refresher?: (() => SessionRefresher | undefined) | undefined;
}

/** last_used_at is kept to the minute: finer would cost a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * A live token's row is reused for this long after it was read, by hash: a request then costs no
 * store read or write for its token. A token revoked through this server stops working at once
 * (forgetToken); one revoked through another server on the same database within this time.
 */
export const TOKEN_REUSE_MS = 5_000;
const MAX_TOKENS_KEPT = 10_000;
interface Kept {
  row: TokenRow;
  sessionGroups: string[] | undefined;
  atMs: number;
}
const tokenRows = new WeakMap<Db, Map<string, Kept>>();

function recentTokens(db: Db): Map<string, Kept> {
  let known = tokenRows.get(db);
  if (known === undefined) {
    known = new Map();
    tokenRows.set(db, known);
  }
  return known;
}

/** Forgets a token's reused row (it was revoked or rotated): its next request reads the store. */
export function forgetToken(db: Db, id: string): void {
  const known = tokenRows.get(db);
  if (known === undefined) return;
  for (const [hash, { row }] of known) if (row.id === id) known.delete(hash);
}

/** The CSRF token of a cookie session: derived from its secret, so nothing more is stored. */
export function csrfTokenOf(secret: string): string {
  return createHash("sha256").update(`csrf\0${secret}`, "utf8").digest("base64url");
}

const TOKEN_AUTH: Record<TokenRow["kind"], AuthMethod> = {
  bootstrap: "bootstrap-token",
  personal: "personal-token",
  issued: "issued-token",
  service: "service-token",
};

function tokenPrincipal(platform: Platform, kept: Kept): Principal | undefined {
  const { row } = kept;
  const granted = row.groups === null ? [] : fromJson(row.groups as JsonText<string[]>);
  // A service token carries its groups; a person's come from their latest sign-in.
  const service = isKind(row, "service");
  const extra = service ? granted : (kept.sessionGroups ?? []);
  const known = service || kept.sessionGroups !== undefined;
  const m = membership(platform, row.user_name, extra, known);
  return m === undefined ? undefined : { user: row.user_name, ...m, tokenId: row.id, auth: TOKEN_AUTH[row.kind] };
}

async function readToken(ctx: CredentialContext, hash: string): Promise<{ kept: Kept; fresh: boolean } | undefined> {
  const known = recentTokens(ctx.db);
  const hit = known.get(hash);
  if (hit !== undefined && performance.now() - hit.atMs < TOKEN_REUSE_MS) return { kept: hit, fresh: true };
  const row = await findTokenByHash(ctx.db.kysely, hash);
  if (row === undefined) return undefined;
  const groups = isKind(row, "personal")
    ? await latestSessionGroups(ctx.db.kysely, row.user_name, ctx.clock.now())
    : undefined;
  const kept = { row, sessionGroups: groups === undefined ? undefined : fromJson(groups), atMs: performance.now() };
  return { kept, fresh: false };
}

/** The principal of a token secret (qs_...), or undefined when no token has it. */
export async function tokenPrincipalOf(ctx: CredentialContext, secret: string): Promise<Principal | undefined> {
  const hash = hashToken(secret);
  const found = await readToken(ctx, hash);
  if (found === undefined) return undefined;
  const { row } = found.kept;
  const now = ctx.clock.now();
  if (row.revoked_at !== null) throw new UnauthenticatedError(`token ${row.id} was revoked`);
  if (row.expires_at !== null && row.expires_at <= now)
    throw new UnauthenticatedError(
      `token ${row.id} expired at ${new Date(row.expires_at).toISOString()}; create a new one, or rotate tokens before they expire`,
    );
  const p = tokenPrincipal(ctx.platform(), found.kept);
  if (p === undefined)
    throw new UnauthenticatedError(
      `token ${row.id} belongs to user "${row.user_name}", who is no longer in the platform file`,
    );
  if (!found.fresh) {
    const known = recentTokens(ctx.db);
    // Only live tokens are kept: an unknown or revoked one is looked up again every time.
    if (known.size >= MAX_TOKENS_KEPT) known.clear();
    known.set(hash, found.kept);
    await touchToken(ctx.db.kysely, row.id, now, LAST_USED_RESOLUTION_MS);
  }
  return p;
}

/** The principal of a session secret, its groups read again from the provider when due. */
export async function sessionPrincipalOf(ctx: CredentialContext, secret: string): Promise<Principal | undefined> {
  const row = await findSessionByHash(ctx.db.kysely, hashToken(secret));
  if (row === undefined) return undefined;
  const now = ctx.clock.now();
  if (row.revoked_at !== null) throw new UnauthenticatedError(`session ${row.id} was ended; sign in again`);
  if (row.expires_at <= now) throw new UnauthenticatedError(`session ${row.id} expired; sign in again`);
  let groups = fromJson(row.groups);
  if (row.method === "oidc" && row.refreshed_at + ctx.platform().signIn.sessionRefreshMs <= now) {
    groups = await refreshGroups(ctx, row, now);
  }
  const platform = ctx.platform();
  const m =
    row.method === "oidc" ? membership(platform, row.user_name, groups, true) : membership(platform, row.user_name);
  if (m === undefined)
    throw new UnauthenticatedError(
      `session ${row.id} belongs to "${row.user_name}", who is no longer in the platform file`,
    );
  return { user: row.user_name, ...m, tokenId: row.id, auth: row.method === "oidc" ? "oidc-session" : "local-session" };
}

async function refreshGroups(ctx: CredentialContext, row: SessionRow, now: number): Promise<string[]> {
  const refresher = ctx.refresher?.();
  if (refresher === undefined)
    throw new UnauthenticatedError(
      `session ${row.id} needs the OpenID provider, which this server no longer uses; sign in again`,
    );
  const result = await refresher.refresh(row);
  if (result === "revoked") {
    await revokeSession(ctx.db.kysely, row.id, now);
    throw new UnauthenticatedError(`the OpenID provider no longer accepts session ${row.id}; sign in again`);
  }
  await refreshSession(ctx.db.kysely, row.id, {
    groups: toJson(result.groups),
    refreshToken: result.refreshToken,
    at: now,
  });
  return result.groups;
}
