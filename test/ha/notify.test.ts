/**
 * Changes travel between servers through PostgreSQL's LISTEN/NOTIFY: an event stream on one
 * server shows what another did at once, not at its next re-read, and goes on doing so after
 * PostgreSQL restarts under them.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { readSse } from "../../src/cli/sse.js";
import type { SseMessage } from "../../src/cli/sse.js";
import { startPostgres } from "../support/postgres.js";
import type { PostgresServer } from "../support/postgres.js";
import { Cluster, ENVIRONMENTS, sleep } from "./support.js";
import type { Node } from "./support.js";

/** The most a change made on one server may take to reach another's event stream. */
const WITHIN_MS = 200;
/**
 * A runs stream sends a snapshot no sooner than 500 ms after the one before (which bounds the
 * reads a busy list costs). Before a run is submitted the streams have been idle this long, and
 * the runs stream's last snapshot shows every run ended (on a loaded machine that snapshot may
 * come a few hundred ms after the runs ended), so what is measured is the travel between the
 * servers, not that gap.
 */
const QUIET_MS = 700;

const ENDED = ["succeeded", "failed", "cancelled"];

/** Whether a runs snapshot shows every run ended. */
const allEnded = (m: SseMessage): boolean =>
  (JSON.parse(m.data) as { status: string }[]).every((r) => ENDED.includes(r.status));

/** An event stream of a server, read as it arrives: each message with the moment it arrived. */
class Watch {
  readonly messages: { atMs: number; message: SseMessage }[] = [];
  readonly #abort = new AbortController();
  #wake: () => void = () => undefined;

  static async open(node: Node, path: string): Promise<Watch> {
    const watch = new Watch();
    const response = await fetch(`${node.server.url}${path}`, {
      headers: { authorization: `Bearer ${node.token}`, accept: "text/event-stream" },
      signal: watch.#abort.signal,
    });
    assert.equal(response.status, 200);
    void (async () => {
      for await (const message of readSse(response.body!)) {
        watch.messages.push({ atMs: performance.now(), message });
        watch.#wake();
      }
    })().catch(() => undefined);
    await watch.until(() => true, 0, 10_000);
    return watch;
  }

  /** When the first message from index `from` on that matches arrived. */
  async until(match: (m: SseMessage) => boolean, from: number, timeoutMs = 5_000): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find((m) => match(m.message));
      if (found) return found.atMs;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Waits until the newest message is `settled` and nothing more came for `quietMs`. */
  async quiet(settled: (m: SseMessage) => boolean, quietMs: number, timeoutMs = 10_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const last = this.messages.at(-1)!;
      const idleMs = performance.now() - last.atMs;
      if (settled(last.message) && idleMs >= quietMs) return;
      if (performance.now() > deadline) throw new Error(`the stream was not quiet within ${timeoutMs} ms`);
      await sleep(Math.max(20, quietMs - idleMs));
    }
  }

  close(): void {
    this.#abort.abort();
  }
}

async function metric(node: Node, name: string): Promise<number> {
  const text = await (await fetch(`${node.server.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  assert.ok(line, `${name} is exported`);
  return Number(line.split(" ")[1]);
}

interface Measured {
  /** How long server A took to answer the submission (the run is stored before it answers). */
  submitMs: number;
  /** Per stream, from A's answer to the stream's event that shows the run (negative: it came before the answer). */
  shownMs: number[];
}

/** Submits a run on `from` and measures how long it takes to show in each of `watches` (on another server). */
async function measure(
  cluster: Cluster,
  from: Node,
  watches: Watch[],
  environment: string,
  tag: string,
): Promise<Measured> {
  const marks = watches.map((w) => w.messages.length);
  const sentAt = performance.now();
  const id = await cluster.deploy(from, environment, tag);
  const answeredAt = performance.now();
  const seen = await Promise.all(watches.map((w, i) => w.until((m) => m.data.includes(id), marks[i]!)));
  return { submitMs: Math.round(answeredAt - sentAt), shownMs: seen.map((at) => Math.round(at - answeredAt)) };
}

/** Waits until every run has ended and the servers' streams are idle (see QUIET_MS). */
async function quiet(cluster: Cluster, runs: Watch, others: Watch[] = []): Promise<void> {
  await cluster.settle(30_000);
  await Promise.all([runs.quiet(allEnded, QUIET_MS), ...others.map((w) => w.quiet(() => true, QUIET_MS))]);
}

// One PostgreSQL server for the file (each cluster has a database of its own): the second
// describe restarts it once the first is done.
let postgres: Promise<PostgresServer>;
before(() => {
  postgres = startPostgres();
});
after(async () => (await postgres).stop());

describe("changes between two servers on one PostgreSQL database", () => {
  const cluster = new Cluster();
  before(async () => cluster.start(2, 20, await postgres));
  after(() => cluster.stop());

  it(`an event stream on server B shows a run submitted on server A within ${WITHIN_MS} ms`, async (t) => {
    const [a, b] = [cluster.nodes[0]!, cluster.nodes[1]!];
    const runs = await Watch.open(b, "/v1/runs/events");
    const status = await Watch.open(b, "/v1/status/events");
    const sentBefore = await metric(a, "quikship_change_notifications_sent_total");
    const receivedBefore = await metric(b, "quikship_change_notifications_received_total");
    try {
      const measured: Measured[] = [];
      // The first round warms both servers' code paths (a cold one took 225 ms on a loaded machine): not counted.
      for (let i = 0; i <= 5; i++) {
        await quiet(cluster, runs, [status]);
        const round = await measure(cluster, a, [runs, status], ENVIRONMENTS[i % ENVIRONMENTS.length]!, `v${i}`);
        if (i > 0) measured.push(round);
      }
      t.diagnostic(`A answered the submission in (ms): ${measured.map((m) => m.submitMs).join(", ")}`);
      t.diagnostic(
        `then B's runs and status streams showed it (ms): ${JSON.stringify(measured.map((m) => m.shownMs))}`,
      );
      for (const {
        shownMs: [toRuns, toStatus],
      } of measured) {
        assert.ok(toRuns! <= WITHIN_MS, `the runs stream showed it ${toRuns} ms after A answered`);
        assert.ok(toStatus! <= WITHIN_MS, `the status stream showed it ${toStatus} ms after A answered`);
      }
    } finally {
      runs.close();
      status.close();
    }
    assert.ok((await metric(a, "quikship_change_notifications_sent_total")) > sentBefore);
    assert.ok((await metric(b, "quikship_change_notifications_received_total")) > receivedBefore);
    assert.equal(await metric(b, "quikship_change_feed_listening"), 1);
  });

  it("the events of a run executed on one server reach a stream of it on the other as they happen", async () => {
    const [a, b] = [cluster.nodes[0]!, cluster.nodes[1]!];
    await cluster.settle(30_000);
    const id = await cluster.deploy(a, ENVIRONMENTS[0]!, "v-events");
    const events = await Watch.open(b, `/v1/runs/${id}/events`);
    try {
      await events.until((m) => m.event === "end", 0, 30_000);
      const statuses = events.messages.filter((m) => m.message.event === "run").map((m) => m.message.data);
      assert.ok(
        statuses.some((d) => d.includes('"succeeded"')),
        "the stream saw the run succeed",
      );
      // Delivered as they happen, not in one-second re-reads: no gap between events near a second.
      const gaps = events.messages.slice(1).map((m, i) => m.atMs - events.messages[i]!.atMs);
      assert.ok(Math.max(...gaps) < 900, `gaps between events (ms): ${gaps.map(Math.round).join(", ")}`);
    } finally {
      events.close();
    }
  });
});

describe("PostgreSQL restarts under two servers in the middle of runs", () => {
  const cluster = new Cluster();
  before(async () => cluster.start(2, 150, await postgres));
  after(() => cluster.stop());

  it(
    "the servers listen again, every run finishes once with every effect once, and streams still deliver at once",
    { skip: process.env.QUIKSHIP_TEST_DATABASE_URL ? "an external server is not restarted" : false },
    async (t) => {
      const [a, b] = [cluster.nodes[0]!, cluster.nodes[1]!];
      const ids: string[] = [];
      for (let i = 0; i < 10; i++)
        ids.push(await cluster.deploy(cluster.nodes[i % 2]!, ENVIRONMENTS[i % ENVIRONMENTS.length]!, `v${i + 1}`));
      await sleep(400);
      const running = await cluster.db.kysely
        .selectFrom("runs")
        .select("id")
        .where("status", "not in", ["succeeded", "failed", "cancelled"])
        .execute();
      assert.ok(running.length > 0, "runs are under way when PostgreSQL restarts");
      await cluster.restartDatabase(500);
      const keys = await cluster.settleOnce(ids);
      for (const id of ids) assert.ok(keys.includes(`${id}/rollout/web/start`), `${id} started web`);
      for (const node of [a, b]) {
        assert.ok((await metric(node, "quikship_change_feed_reconnects_total")) >= 1, "the server listened again");
        assert.equal(await metric(node, "quikship_change_feed_listening"), 1);
      }
      const runs = await Watch.open(b, "/v1/runs/events");
      try {
        const latencies: number[] = [];
        for (let i = 0; i < 3; i++) {
          await quiet(cluster, runs);
          latencies.push(...(await measure(cluster, a, [runs], ENVIRONMENTS[i]!, `after-${i}`)).shownMs);
        }
        t.diagnostic(`after the restart, from A's answer to B's runs stream (ms): ${latencies.join(", ")}`);
        for (const ms of latencies) assert.ok(ms <= WITHIN_MS, `the runs stream showed it after ${ms} ms`);
      } finally {
        runs.close();
      }
    },
  );
});
