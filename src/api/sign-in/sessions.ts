import { randomBytes } from "node:crypto";
import type { Platform } from "../../config/types.js";
import type { Clock } from "../../engine/clock.js";
import type { Db } from "../../store/db.js";
import { toJson } from "../../store/json.js";
import { insertSession } from "../../store/sessions/sessions.js";
import { generateToken, hashToken } from "../token-secret.js";
import type { Identity } from "./service.js";

export interface StartedSession {
  id: string;
  /** The session's secret (qs_...): shown once, to the browser's cookie or the CLI; stored only as its hash. */
  secret: string;
  user: string;
  groups: string[];
  expiresAt: number;
}

/** A session's public id: names it in lists and the audit without revealing it. */
export function newSessionId(): string {
  return `ses_${randomBytes(9).toString("base64url")}`;
}

/** Stores a sign-in through the provider as a session every server of this database accepts. */
export async function startOidcSession(
  deps: { db: Db; clock: Clock; platform: Platform },
  identity: Identity,
): Promise<StartedSession> {
  const now = deps.clock.now();
  const secret = generateToken();
  const session = {
    id: newSessionId(),
    secret,
    user: identity.user,
    groups: identity.groups,
    expiresAt: now + deps.platform.signIn.sessionTtlMs,
  };
  await insertSession(deps.db.kysely, {
    id: session.id,
    secret_hash: hashToken(secret),
    user_name: identity.user,
    method: "oidc",
    subject: identity.subject,
    groups: toJson(identity.groups),
    refresh_token: identity.refreshToken,
    created_at: now,
    refreshed_at: now,
    expires_at: session.expiresAt,
    revoked_at: null,
  });
  return session;
}
