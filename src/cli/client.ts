/**
 * The CLI's HTTP client of the API. An error reply becomes the QuikshipError of the same kind,
 * so a command exits with the code the server meant; an unreachable server is an
 * UnavailableError (exit code 3).
 */
import { ERROR_KINDS, QuikshipError, UnauthenticatedError, UnavailableError } from "../errors.js";
import type { ErrorKind } from "../errors.js";
import type { Connection } from "./connection.js";
import { isKind } from "../kind.js";

/** Ordinary calls give up after this; event streams have no timeout. */
const REQUEST_TIMEOUT_MS = 30_000;

type Query = Record<string, string | number | undefined>;

export class ApiClient {
  constructor(readonly connection: Connection) {}

  get<T>(path: string, query: Query = {}): Promise<T> {
    return this.#json<T>("GET", path, query, undefined);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.#json<T>("POST", path, {}, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.#json<T>("DELETE", path, {}, undefined);
  }

  /** Opens an event stream; the caller reads the body until it ends or the signal aborts. */
  async stream(path: string, query: Query, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
    const res = await this.#fetch(path, query, { method: "GET", headers: { accept: "text/event-stream" }, signal });
    if (!res.ok) throw await errorOf(res, this.connection);
    if (res.body === null)
      throw new UnavailableError(`the server at ${this.connection.server} sent an empty event stream`);
    return res.body;
  }

  async #json<T>(method: string, path: string, query: Query, body: unknown): Promise<T> {
    const res = await this.#fetch(path, query, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!res.ok) throw await errorOf(res, this.connection);
    return (await res.json()) as T;
  }

  async #fetch(path: string, query: Query, init: RequestInit & { headers: Record<string, string> }): Promise<Response> {
    const url = new URL(`${this.connection.server}${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers = {
      ...init.headers,
      ...(this.connection.token ? { authorization: `Bearer ${this.connection.token}` } : {}),
    };
    try {
      return await fetch(url, { ...init, headers });
    } catch (error) {
      throw unreachable(this.connection.server, error);
    }
  }
}

function unreachable(server: string, error: unknown): QuikshipError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const reason =
    error instanceof Error && error.name === "TimeoutError"
      ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
      : ((cause as NodeJS.ErrnoException).code ?? (cause instanceof Error ? cause.message : String(cause)));
  return new UnavailableError(
    `cannot reach the quikship server at ${server}: ${reason}; start it with \`quikship server\` or pass --server`,
    { cause: error },
  );
}

function isErrorBody(value: unknown): value is { error: { kind: ErrorKind; message: string; details?: unknown } } {
  if (typeof value !== "object" || value === null) return false;
  const e = (value as { error?: unknown }).error;
  return (
    typeof e === "object" &&
    e !== null &&
    ERROR_KINDS.includes((e as { kind: ErrorKind }).kind) &&
    typeof (e as { message?: unknown }).message === "string"
  );
}

async function errorOf(res: Response, connection: Connection): Promise<QuikshipError> {
  const text = await res.text().catch(() => "");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!isErrorBody(body)) {
    return new UnavailableError(
      `the server at ${connection.server} answered HTTP ${res.status} without a quikship error: ${text.slice(0, 200)}`,
    );
  }
  const { kind, message, details } = body.error;
  if (isKind(body.error, "unauthenticated") && connection.token === undefined) {
    return new UnauthenticatedError(
      `${message}; log in with \`quikship login --server ${connection.server} --token-file FILE\` or set QUIKSHIP_TOKEN`,
      { details },
    );
  }
  return new QuikshipError(kind, message, { details });
}
