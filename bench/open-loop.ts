import http from "node:http";

/** One request of an open-loop load: when it was due, how it ended, and which revision answered. */
export interface Sample {
  /** When the request was due to be sent, in ms since the epoch. */
  sentAt: number;
  /** HTTP status; 0 when no answer came (refused, reset, timed out). */
  status: number;
  /** From when it was due to the end of the answer, so a generator running late counts against the server, never hides it. */
  latencyMs: number;
  /** The `x-quikship-revision` response header; null when absent. */
  revision: number | null;
  /** The canary revision the router first sent it to, when the stable one answered instead (`x-quikship-shielded-from`). */
  shieldedFrom: number | null;
}

export interface OpenLoop {
  readonly samples: Sample[];
  /** Sends nothing more, waits for the requests in flight (each bounded by its timeout), and returns every sample. */
  stop(): Promise<Sample[]>;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Sends GET `url` at `perSecond` requests per second, scheduled by the clock (open loop): a slow
 * answer never delays the next request, as users do not wait for each other. Stops by itself
 * after `maxMs`. Loopback only: the bench must never load anything else.
 */
export function openLoop(url: string, perSecond: number, maxMs: number): OpenLoop {
  const target = new URL(url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname))
    throw new Error(`the load generator only sends to loopback, not ${target.hostname}`);
  const agent = new http.Agent({ keepAlive: true });
  const samples: Sample[] = [];
  const inFlight = new Set<Promise<void>>();
  const intervalMs = 1000 / perSecond;
  const limit = Math.floor((perSecond * maxMs) / 1000);
  const startedAt = performance.now();
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;

  const send = (dueAt: number): void => {
    const sample: Sample = {
      sentAt: performance.timeOrigin + dueAt,
      status: 0,
      latencyMs: 0,
      revision: null,
      shieldedFrom: null,
    };
    const done = new Promise<void>((resolve) => {
      let ended = false;
      const finish = (): void => {
        if (ended) return;
        ended = true;
        sample.latencyMs = performance.now() - dueAt;
        samples.push(sample);
        resolve();
      };
      const fail = (): void => {
        if (!ended) sample.status = 0;
        finish();
      };
      const request = http.get(target, { agent, timeout: REQUEST_TIMEOUT_MS }, (response) => {
        sample.status = response.statusCode ?? 0;
        const revision = response.headers["x-quikship-revision"];
        sample.revision = typeof revision === "string" ? Number(revision) : null;
        const shielded = response.headers["x-quikship-shielded-from"];
        sample.shieldedFrom = typeof shielded === "string" ? Number(shielded) : null;
        response.resume();
        response.once("end", finish);
        response.once("error", fail);
        response.once("close", () => (response.complete ? finish() : fail()));
      });
      request.once("timeout", () => request.destroy(new Error("timed out")));
      request.once("error", fail);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };

  // Every request that is due is sent, late ones at once: the schedule never drifts.
  const tick = (): void => {
    const now = performance.now();
    while (sent < limit && startedAt + sent * intervalMs <= now) send(startedAt + sent++ * intervalMs);
    if (sent < limit) timer = setTimeout(tick, Math.max(0, startedAt + sent * intervalMs - performance.now()));
  };
  tick();

  return {
    samples,
    stop: async () => {
      clearTimeout(timer);
      sent = limit;
      await Promise.all([...inFlight]);
      agent.destroy();
      return [...samples].sort((a, b) => a.sentAt - b.sentAt);
    },
  };
}
