/**
 * One registry's HTTP: every request goes through `send`, which answers a 401 challenge once
 * (basic, or a bearer token fetched for the request's scope and kept for the next ones) and maps
 * what the registry says to quikship's errors: down or 5xx is retryable, 401/403 names the
 * registry and the credential reference, 404 carries the registry's own error message.
 */
import { InputError, NotFoundError, UnavailableError } from "../errors.js";
import { basicHeader, describeCredential, fetchToken, parseChallenge } from "./auth.js";
import type { RegistryCredential } from "./auth.js";
import { RegistryAuthError } from "./errors.js";
import { isKind } from "../kind.js";

export interface RegistryHttpOptions {
  /** host[:port] */
  host: string;
  plainHttp: boolean;
  credential: RegistryCredential;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

export interface SendInit {
  method?: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  /** `repository:NAME:pull` and the like: what a bearer token is asked for. */
  scope: string;
  /** What a 404 means, for the message: "repository team/api has no tag v9". */
  missing?: string;
  signal?: AbortSignal | undefined;
}

export class RegistryHttp {
  readonly host: string;
  readonly base: string;
  private readonly credential: RegistryCredential;
  private readonly timeoutMs: number;
  /** Once the registry asked for basic auth, later requests send it at once. */
  private basic = false;
  private readonly tokens = new Map<string, string>();

  constructor(options: RegistryHttpOptions) {
    this.host = options.host;
    this.base = `${options.plainHttp ? "http" : "https"}://${options.host}`;
    this.credential = options.credential;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Sends `path` (or an absolute URL the registry gave, e.g. an upload location), authenticating as asked. */
  async send(path: string, init: SendInit): Promise<Response> {
    const url = path.startsWith("http") ? path : `${this.base}${path}`;
    let response = await this.attempt(url, init, this.authorization(init.scope));
    if (response.status === 401) {
      const challenge = parseChallenge(response.headers.get("www-authenticate"));
      await response.body?.cancel();
      const who = describeCredential(this.host, this.credential);
      if (challenge?.scheme === "basic") {
        if (isKind(this.credential, "anonymous") || this.basic)
          throw new RegistryAuthError(401, `${who} refused ${init.method ?? "GET"} ${path}`);
        this.basic = true;
      } else if (challenge?.scheme === "bearer") {
        const scope = challenge.scope ?? init.scope;
        this.tokens.set(init.scope, await fetchToken(this.host, challenge, scope, this.credential, init.signal));
      } else
        throw new RegistryAuthError(
          401,
          `${who} refused ${init.method ?? "GET"} ${path} with no challenge quikship knows`,
        );
      response = await this.attempt(url, init, this.authorization(init.scope));
      if (response.status === 401) throw new RegistryAuthError(401, `${who} refused ${init.method ?? "GET"} ${path}`);
    }
    return this.checked(response, path, init);
  }

  private authorization(scope: string): string | undefined {
    const token = this.tokens.get(scope);
    if (token) return `Bearer ${token}`;
    return this.basic ? basicHeader(this.credential) : undefined;
  }

  private async attempt(url: string, init: SendInit, authorization: string | undefined): Promise<Response> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await fetch(url, {
        method: init.method ?? "GET",
        headers: { ...init.headers, ...(authorization ? { authorization } : {}) },
        ...(init.body !== undefined ? { body: init.body } : {}),
        redirect: "follow",
        signal,
      });
    } catch (error) {
      const why = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new UnavailableError(`registry ${this.host} is unreachable (${why}); quikship tries again`, {
        cause: error,
      });
    }
  }

  private async checked(response: Response, path: string, init: SendInit): Promise<Response> {
    if (response.ok) return response;
    const said = await registryMessage(response);
    const what = `registry ${this.host}: ${init.method ?? "GET"} ${path}`;
    if (response.status === 403)
      throw new RegistryAuthError(
        403,
        `${describeCredential(this.host, this.credential)} may not ${init.method ?? "GET"} ${path}${said}`,
      );
    if (response.status === 404)
      throw new NotFoundError(`registry ${this.host}: ${init.missing ?? `nothing at ${path}`}${said}`);
    if (response.status >= 500 || response.status === 429)
      throw new UnavailableError(`${what} answered ${response.status}${said}; quikship tries again`);
    throw new InputError(`${what} answered ${response.status}${said}`);
  }
}

/** The registry's own words: ` (MANIFEST_UNKNOWN: manifest unknown)`, or nothing. */
async function registryMessage(response: Response): Promise<string> {
  if (response.status === 404 && response.headers.get("content-length") === "0") return "";
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    const errors = (body.errors ?? []).map((e) => [e.code, e.message].filter(Boolean).join(": "));
    return errors.length ? ` (${errors.join("; ")})` : "";
  } catch {
    return text.trim() ? ` (${text.trim().slice(0, 200)})` : "";
  }
}
