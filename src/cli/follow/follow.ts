import { setTimeout as delay } from "node:timers/promises";
import type { RunEvent, RunView } from "../../engine/types.js";
import { ERROR_KINDS, QuikshipError } from "../../errors.js";
import type { ApiClient } from "../client.js";
import { readSse } from "../sse.js";
import { applyEvent, logLine } from "./apply.js";
import type { Progress } from "./progress.js";

/** A dropped stream (a server restart, a proxy) is resumed after its last event this many times in a row. */
const RECONNECTS = 10;
const RECONNECT_DELAY_MS = 1_000;

/**
 * Follows a run through its event stream until it ends, showing progress; resolves to the final
 * run. The stream replays the run's events from the first, so progress starts from the run's
 * plan and shows its whole history; a dropped connection resumes after the last event seen.
 */
export async function followRun(client: ApiClient, id: string, progress: Progress): Promise<RunView> {
  const path = `/v1/runs/${encodeURIComponent(id)}`;
  const run = planOf(await client.get<RunView>(path));
  progress.update(run, run.createdAt);
  let after = 0;
  let failures = 0;
  for (;;) {
    try {
      const body = await client.stream(`${path}/events`, { after });
      failures = 0;
      for await (const message of readSse(body)) {
        if (message.event === "end") return finish(client, path, progress);
        if (message.event === "error") throw streamError(message.data);
        const event = JSON.parse(message.data) as RunEvent;
        after = event.id;
        if (event.type === "log") {
          const { step, line } = logLine(event);
          progress.log(step, line, event.at);
        } else {
          applyEvent(run, event);
          progress.update(run, event.at);
        }
      }
    } catch (error) {
      const retryable = error instanceof QuikshipError ? error.retryable : error instanceof TypeError;
      if (!retryable || ++failures > RECONNECTS) throw error;
      await delay(RECONNECT_DELAY_MS);
    }
  }
}

/** The run as it was created: every step pending. Its events then replay what happened. */
function planOf(run: RunView): RunView {
  return {
    ...run,
    status: "queued",
    waitReason: null,
    error: null,
    startedAt: null,
    finishedAt: null,
    stages: run.stages.map((stage) => ({
      ...stage,
      steps: stage.steps.map((step) => ({
        ...step,
        status: "pending",
        attempts: 0,
        startedAt: null,
        finishedAt: null,
        output: null,
        error: null,
      })),
    })),
  };
}

async function finish(client: ApiClient, path: string, progress: Progress): Promise<RunView> {
  const final = await client.get<RunView>(path);
  await progress.end(final);
  return final;
}

function streamError(data: string): QuikshipError {
  try {
    const body = JSON.parse(data) as { error?: { kind?: string; message?: string; details?: unknown } };
    const known = ERROR_KINDS.find((k) => k === body.error?.kind);
    if (known !== undefined)
      return new QuikshipError(known, body.error?.message ?? "the event stream failed", {
        details: body.error?.details,
      });
  } catch {
    // not JSON: reported below
  }
  return new QuikshipError("unavailable", `the event stream failed: ${data}`, { retryable: true });
}
