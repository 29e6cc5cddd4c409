/** The API calls the dashboard's browser tests make beside the page: as a user, and waiting for a run. */
import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import type { RunView } from "../../src/engine/types.js";

const TIMEOUT_MS = 30_000;
const FINAL = ["succeeded", "failed", "cancelled"];

export function apiCalls(url: () => string, tokens: Map<string, string>) {
  async function call<T>(method: string, path: string, body?: unknown, user = "admin"): Promise<T> {
    const response = await fetch(`${url()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(user)}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const parsed = (await response.json()) as T;
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(parsed)}`);
    return parsed;
  }

  /** Polls the run until `accept` holds; throws when it ends first or takes over 30 s. */
  async function runUntil(id: string, accept: (run: RunView) => boolean, what: string): Promise<RunView> {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const run = await call<RunView>("GET", `/v1/runs/${id}`);
      if (accept(run)) return run;
      if (FINAL.includes(run.status))
        throw new Error(`run ${id} ended ${run.status} before ${what}: ${JSON.stringify(run.error)}`);
      if (Date.now() > deadline) throw new Error(`run ${id} did not get to ${what}: ${JSON.stringify(run)}`);
      await delay(100);
    }
  }

  return { call, runUntil };
}
