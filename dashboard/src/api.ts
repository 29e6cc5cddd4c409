/**
 * Calls to the quikship API: with a pasted token (kept in sessionStorage: gone when the tab
 * closes, never sent anywhere but this server), or with the HTTP-only session cookie of a
 * single sign-on, when every state-changing call carries the session's CSRF token.
 */
import type { RunEvent } from "./types.ts";

const TOKEN_KEY = "quikship.token";

export const getToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token);
export const clearToken = (): void => sessionStorage.removeItem(TOKEN_KEY);

/** The CSRF token of the cookie session (from GET /v1/whoami); JavaScript never sees the cookie itself. */
let csrfToken: string | null = null;
export const setCsrfToken = (value: string | null): void => {
  csrfToken = value;
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

function headers(token: string | null, body: boolean, method = "GET"): Record<string, string> {
  const changes = method !== "GET" && method !== "HEAD";
  return {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(!token && changes && csrfToken ? { "x-csrf-token": csrfToken } : {}),
    ...(body ? { "content-type": "application/json" } : {}),
  };
}

export async function api<T>(method: string, path: string, body?: unknown, token = getToken()): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: headers(token, body !== undefined, method),
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: unknown = text === "" ? null : JSON.parse(text);
  if (!response.ok) {
    const error = (parsed as { error?: { kind?: string; message?: string } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.kind ?? "unknown",
      error?.message ?? `${method} ${path}: ${response.status}`,
    );
  }
  return parsed as T;
}

/**
 * Reads a Server-Sent Events stream of the API, calling back with each event's name and data.
 * EventSource cannot send the Authorization header the API needs, so the stream is read
 * through fetch. Resolves when the server ends the stream, an `end` event comes, or the signal aborts.
 */
export async function readSse(
  path: string,
  onMessage: (event: string, data: string) => void,
  signal: AbortSignal,
): Promise<"end" | "closed"> {
  const response = await fetch(path, {
    headers: { ...headers(getToken(), false), accept: "text/event-stream" },
    signal,
  });
  if (!response.ok || response.body === null)
    throw new ApiError(response.status, "unavailable", `the event stream ${path} failed: ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return "closed";
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: (.*)$/m.exec(message)?.[1] ?? "message";
      const data = message
        .split("\n")
        .filter((l) => l.startsWith("data: "))
        .map((l) => l.slice(6))
        .join("\n");
      if (name === "end") return "end";
      if (name === "error") throw new ApiError(500, "unavailable", `the event stream ${path} failed: ${data}`);
      if (data !== "") onMessage(name, data);
    }
  }
}

/** Follows a run's events after the given id until the run ends. */
export function followEvents(
  runId: string,
  after: number,
  onEvent: (event: RunEvent) => void,
  signal: AbortSignal,
): Promise<"end" | "closed"> {
  return readSse(
    `/v1/runs/${encodeURIComponent(runId)}/events?after=${after}`,
    (_name, data) => onEvent(JSON.parse(data) as RunEvent),
    signal,
  );
}

export const timeText = (ms: number | null): string => (ms === null ? "—" : new Date(ms).toLocaleString());
