import { ApiClient } from "./client.js";
import { resolveConnection } from "./connection.js";
import type { OutputOptions } from "./output.js";

/** The options every client command takes. */
export interface ClientOptions extends OutputOptions {
  server?: string;
  state?: string;
}

export function clientFor(options: ClientOptions): ApiClient {
  return new ApiClient(resolveConnection(options));
}

/** Milliseconds since the epoch as `2026-01-05 10:00:00Z`; "-" for none. */
export function timeText(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? "-" : `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")}Z`;
}
