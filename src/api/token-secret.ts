import { createHash, randomBytes } from "node:crypto";

/** Every token starts with this, so a leaked one is recognisable (and greppable by scanners). */
export const TOKEN_PREFIX = "qs_";

/** A new bearer token: 32 random bytes, base64url, prefixed. Shown once, stored only as its hash. */
export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** What the tokens table stores: the SHA-256 of the token, hex. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token's public id: names it in lists and revocations without revealing it. */
export function newTokenId(): string {
  return `tok_${randomBytes(9).toString("base64url")}`;
}
