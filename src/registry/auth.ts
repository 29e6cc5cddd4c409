/**
 * Registry authentication as registries do it (the distribution spec's token flow): a request
 * answered 401 carries a `WWW-Authenticate` challenge; `Basic` wants the credential itself,
 * `Bearer realm=...,service=...,scope=...` wants a token from the realm, fetched with the
 * credential (or anonymously) and sent as `Authorization: Bearer`. Pure except `fetchToken`.
 */
import { UnavailableError } from "../errors.js";
import { RegistryAuthError } from "./errors.js";
import { isKind } from "../kind.js";

/**
 * A registry credential. `ref` is where it came from (a secret reference, a login's auth file),
 * named in errors (never the value); `why` says why there is none, when the platform's reason
 * (it names no credentials) is not the whole story.
 */
export type RegistryCredential =
  { kind: "anonymous"; why?: string } | { kind: "basic"; username: string; password: string; ref: string };

export type Challenge =
  | { scheme: "basic"; realm: string | undefined }
  | { scheme: "bearer"; realm: string; service: string | undefined; scope: string | undefined };

/** Reads `Basic realm="x"` or `Bearer realm="...",service="...",scope="..."`; undefined for anything else. */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2]!.matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g))
    params[p[1]!.toLowerCase()] = p[2] ?? p[3] ?? "";
  const scheme = m[1]!.toLowerCase();
  if (scheme === "basic") return { scheme: "basic", realm: params.realm };
  if (scheme === "bearer" && params.realm)
    return { scheme: "bearer", realm: params.realm, service: params.service, scope: params.scope };
  return undefined;
}

export function basicHeader(credential: RegistryCredential): string | undefined {
  if (isKind(credential, "anonymous")) return undefined;
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString("base64")}`;
}

/** Where a failure to authenticate came from, for messages: "registry H (credentials env:X)". */
export function describeCredential(host: string, credential: RegistryCredential): string {
  return isKind(credential, "anonymous")
    ? `registry ${host} (anonymous: ${credential.why ?? "the platform gives it no credentials"})`
    : `registry ${host} (credentials ${credential.ref})`;
}

/** Asks the challenge's realm for a token for `scope`; 401/403 there is the credential's fault. */
export async function fetchToken(
  host: string,
  challenge: Extract<Challenge, { scheme: "bearer" }>,
  scope: string,
  credential: RegistryCredential,
  signal: AbortSignal | undefined,
): Promise<string> {
  const url = new URL(challenge.realm);
  if (challenge.service) url.searchParams.set("service", challenge.service);
  url.searchParams.set("scope", scope);
  const authorization = basicHeader(credential);
  let response: Response;
  try {
    response = await fetch(url, { headers: authorization ? { authorization } : {}, signal: signal ?? null });
  } catch (error) {
    throw new UnavailableError(`the token service of registry ${host} (${url.origin}) is unreachable`, {
      cause: error,
    });
  }
  if (response.status === 401 || response.status === 403)
    throw new RegistryAuthError(
      response.status,
      `${describeCredential(host, credential)} refused a token for ${scope}`,
    );
  if (!response.ok) throw new UnavailableError(`the token service of registry ${host} answered ${response.status}`);
  const body: unknown = await response.json().catch(() => ({}));
  const token = tokenOf(body);
  if (!token) throw new RegistryAuthError(401, `the token service of registry ${host} gave no token`);
  return token;
}

function tokenOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const token = record.token ?? record.access_token;
  return typeof token === "string" && token.length > 0 ? token : undefined;
}
