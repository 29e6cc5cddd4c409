/** Making tokens: every kind goes through here, so each is stored as a hash and audited alike. */
import { appendAudit } from "../audit/index.js";
import { parseDurationMs } from "../config/duration.js";
import type { Platform } from "../config/types.js";
import type { Db } from "../store/db.js";
import type { TokenKind } from "../store/access-rows.js";
import { fromJson, toJson } from "../store/json.js";
import type { JsonText } from "../store/json.js";
import type { TokenRow } from "../store/rows.js";
import { insertToken } from "../store/tokens/insert.js";
import { revokeToken } from "../store/tokens/revoke.js";
import type { Principal } from "../access/principal.js";
import { generateToken, hashToken, newTokenId } from "./token-secret.js";

export function tokenView(row: TokenRow) {
  return {
    id: row.id,
    kind: row.kind,
    user: row.user_name,
    groups: row.groups === null ? null : fromJson(row.groups as JsonText<string[]>),
    description: row.description,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    rotatedFrom: row.rotated_from,
  };
}

export interface NewToken {
  kind: Exclude<TokenKind, "bootstrap">;
  user: string;
  groups?: string[];
  description: string | undefined | null;
  expiresIn: string | undefined;
  /** The token this one replaces: revoked in the same transaction. */
  rotates?: string;
}

/** Stores a new token (and revokes the one it rotates), audits it, and returns its secret once. */
export async function issueToken(
  db: Db,
  platform: Platform,
  actor: Principal,
  spec: NewToken,
  at: number,
): Promise<{ row: TokenRow; token: string }> {
  const token = generateToken();
  const lifetime = spec.expiresIn === undefined ? platform.signIn.tokenExpiryMs : parseDurationMs(spec.expiresIn);
  const row: TokenRow = {
    id: newTokenId(),
    kind: spec.kind,
    user_name: spec.user,
    token_hash: hashToken(token),
    created_at: at,
    created_by: actor.user,
    revoked_at: null,
    last_used_at: null,
    description: spec.description ?? null,
    expires_at: at + lifetime,
    groups: spec.groups === undefined ? null : toJson(spec.groups),
    rotated_from: spec.rotates ?? null,
  };
  await db.transaction(async (tx) => {
    await insertToken(tx, row);
    if (spec.rotates !== undefined) await revokeToken(tx, spec.rotates, at);
    const data = {
      kind: spec.kind,
      user: spec.user,
      groups: spec.groups ?? null,
      description: row.description,
      expiresAt: row.expires_at,
      rotates: spec.rotates ?? null,
      actorToken: actor.tokenId,
      actorAuth: actor.auth,
    };
    const action = spec.rotates === undefined ? "token.create" : "token.rotate";
    await appendAudit(tx, db, { actor: actor.user, action, subject: row.id, data }, at);
  });
  return { row, token };
}
