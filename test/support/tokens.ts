/**
 * Tokens for tests, made through the same code the API uses (`issueToken`): a personal token as
 * its owner makes one after signing in, a service token as an administrator makes one, and an
 * issued token an administrator made for someone. Each acts exactly as such a token does.
 */
import type { Principal } from "../../src/access/principal.js";
import { issueToken } from "../../src/api/token-issue.js";
import type { Platform } from "../../src/config/types.js";
import type { Db } from "../../src/store/db.js";

export interface TestToken {
  id: string;
  token: string;
}

const signedIn = (user: string): Principal => ({
  user,
  groups: [],
  admin: false,
  tokenId: "ses_test",
  auth: "oidc-session",
});
const administrator: Principal = {
  user: "admin",
  groups: [],
  admin: true,
  tokenId: "tok_test",
  auth: "bootstrap-token",
};

/** A personal token of `user`, as if they had signed in and created it: it may approve. */
export async function personalToken(db: Db, platform: Platform, user: string, at = Date.now()): Promise<TestToken> {
  const spec = { kind: "personal" as const, user, description: "test", expiresIn: undefined };
  const { row, token } = await issueToken(db, platform, signedIn(user), spec, at);
  return { id: row.id, token };
}

/** A service token (CI, a bot) in the given groups, made by an administrator: it never approves. */
export async function serviceToken(
  db: Db,
  platform: Platform,
  name: string,
  groups: string[],
  at = Date.now(),
): Promise<TestToken> {
  const spec = { kind: "service" as const, user: name, groups, description: "test", expiresIn: undefined };
  const { row, token } = await issueToken(db, platform, administrator, spec, at);
  return { id: row.id, token };
}

/** A token an administrator issued to `user`: it acts as them but never approves. */
export async function issuedToken(db: Db, platform: Platform, user: string, at = Date.now()): Promise<TestToken> {
  const spec = { kind: "issued" as const, user, description: "test", expiresIn: undefined };
  const { row, token } = await issueToken(db, platform, administrator, spec, at);
  return { id: row.id, token };
}
