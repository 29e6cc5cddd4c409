import type { FastifyRequest } from "fastify";
import { cookieValue } from "../auth.js";
import type { PendingBrowserSignIn } from "./service.js";

/** The cookie that carries a browser sign-in between the redirect to the provider and the callback. */
export const PENDING_COOKIE = "qs_signin";
const PENDING_MAX_AGE_S = 600;

/**
 * Secure always, except on plain HTTP to this machine's loopback address (a rehearsal), where a
 * browser would drop a Secure cookie set over HTTP by another name than `localhost`.
 */
function secure(request: FastifyRequest): boolean {
  if (request.protocol === "https") return true;
  return !/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(request.host);
}

export function cookie(
  request: FastifyRequest,
  name: string,
  value: string,
  options: { path: string; maxAgeS: number },
): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAgeS}`,
    "HttpOnly",
    "SameSite=Lax",
  ];
  if (secure(request)) parts.push("Secure");
  return parts.join("; ");
}

export function pendingCookie(request: FastifyRequest, pending: PendingBrowserSignIn | undefined): string {
  const value = pending === undefined ? "" : Buffer.from(JSON.stringify(pending), "utf8").toString("base64url");
  return cookie(request, PENDING_COOKIE, value, {
    path: "/auth",
    maxAgeS: pending === undefined ? 0 : PENDING_MAX_AGE_S,
  });
}

/** The pending sign-in of the request's cookie, or undefined when it is missing or not one. */
export function pendingOf(request: FastifyRequest): PendingBrowserSignIn | undefined {
  const raw = cookieValue(request.headers.cookie, PENDING_COOKIE);
  if (raw === undefined || raw === "") return undefined;
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<PendingBrowserSignIn>;
    const { state, verifier, nonce, returnTo } = value;
    if ([state, verifier, nonce, returnTo].every((v) => typeof v === "string"))
      return { state: state!, verifier: verifier!, nonce: nonce!, returnTo: returnTo! };
  } catch {
    // A cookie that is not ours is no pending sign-in.
  }
  return undefined;
}

/** A path of this server to go back to; anything else (another host, `//evil`) becomes `/`. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  return value;
}
