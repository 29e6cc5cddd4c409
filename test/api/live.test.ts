import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, afterEach, beforeEach, it } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { pino } from "pino";
import { buildApp } from "../../src/api/app.js";
import type { PendingApprovalView } from "../../src/api/promotion-schemas.js";
import type { StatusView } from "../../src/api/service-schemas.js";
import type { RunView } from "../../src/engine/types.js";
import { HEARTBEAT_MS } from "../../src/api/sse.js";
import { ManualClock } from "../../src/engine/clock.js";
import { parseSse } from "../../src/cli/sse.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { FakeEngine } from "../support/fake-engine.js";
import { fakeTargets } from "../support/fake-target.js";
import { clearTables, errorOf, PLATFORM_YAML, startTestApp, T0, testPlatform } from "./support.js";
import type { TestApp } from "./support.js";

after(removeTrees);

/** qa waits for an approval of Platform (alice). */
const GATED_YAML = PLATFORM_YAML.replace(
  "    router: { port: 7102 }\n",
  "    router: { port: 7102 }\n    approvals: { groups: [Platform], policy: any, timeout: 1h }\n",
);

forEachDatabase("live status, approvals and runs as Server-Sent Events", (t) => {
  let s: TestApp;
  let alice: string;
  let bob: string;
  beforeEach(async () => {
    await clearTables(t.db);
    s = await startTestApp(t.db, { platformYaml: GATED_YAML });
    alice = (await s.personalTokenFor("alice")).token;
    bob = (await s.personalTokenFor("bob")).token;
    idle = s.engine.nextChangeWait();
  });
  afterEach(() => s.close());

  /**
   * Runs `step` once the stream waits for a change, so the change cannot slip between reads. The
   * next wait is listened for before the step, since the stream may be back waiting before it ends.
   */
  let idle: Promise<void>;
  async function whenIdle(step: () => unknown): Promise<void> {
    await idle;
    idle = s.engine.nextChangeWait();
    await step();
  }
  const submit = (environment: string, user = bob) =>
    s.app.inject({
      method: "POST",
      url: "/v1/runs",
      headers: s.auth(user),
      payload: { kind: "deploy", environment, services: ["web"], params: { tag: "v1.0.0" } },
    });

  it("sends the status matrix, then a new one when a deploy starts, and ends when the server closes", async () => {
    const response = s.app.inject({ url: "/v1/status/events?environment=dev", headers: s.auth(bob) });
    await whenIdle(() => submit("dev"));
    await whenIdle(() => s.app.close());
    const res = await response;
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/event-stream/);
    const events = parseSse(res.body);
    assert.deepEqual(
      events.map((e) => e.event),
      ["status", "status"],
    );
    const [before, after] = events.map((e) => JSON.parse(e.data) as StatusView);
    const web = (v: StatusView | undefined) => v?.environments[0]?.services.find((x) => x.service === "web");
    assert.equal(web(before)?.rolloutInProgress, null);
    assert.deepEqual(web(after)?.rolloutInProgress, { runId: "run-1", kind: "deploy", status: "queued" });
    assert.notEqual(events[0]?.id, events[1]?.id);
  });

  it("skips the first snapshot for a client that already has it (Last-Event-ID), and sends a heartbeat after 15 s", async () => {
    const first = s.app.inject({ url: "/v1/status/events", headers: s.auth(bob) });
    await whenIdle(() => s.app.close());
    const id = parseSse((await first).body)[0]?.id;
    assert.ok(id);

    const again = await startTestApp(t.db, { platformYaml: GATED_YAML });
    try {
      const response = again.app.inject({
        url: "/v1/status/events",
        headers: { ...again.auth(again.adminToken), "last-event-id": id },
      });
      let next = again.engine.nextChangeWait();
      await next;
      next = again.engine.nextChangeWait();
      again.clock.advance(HEARTBEAT_MS);
      await next;
      await again.app.close();
      assert.equal((await response).body, ": heartbeat\n\n");
    } finally {
      await again.close();
    }
  });

  it("sends the caller's pending approvals, then each change: a run waiting, a decision", async () => {
    const response = s.app.inject({ url: "/v1/approvals/events", headers: s.auth(alice) });
    await whenIdle(() => submit("qa"));
    await whenIdle(() => s.engine.waitForApproval("run-1", "qa"));
    await whenIdle(() =>
      s.app.inject({
        method: "POST",
        url: "/v1/runs/run-1/approve",
        headers: s.auth(alice),
        payload: { comment: "ok" },
      }),
    );
    await whenIdle(() => s.app.close());
    const lists = parseSse((await response).body).map(
      (e) => [e.event, JSON.parse(e.data) as PendingApprovalView[]] as const,
    );
    assert.deepEqual(
      lists.map(
        ([event, list]) => `${event} ${list.map((p) => `${p.run.id}:${p.mayApprove}:${p.decisions.length}`).join(",")}`,
      ),
      ["approvals ", "approvals run-1:true:0", "approvals run-1:false:1"],
    );
  });

  /** Each `runs` event of a stream as `RUN:STATUS,...`, newest first. */
  const runLists = (body: string) =>
    parseSse(body).map((e) => {
      assert.equal(e.event, "runs");
      return (JSON.parse(e.data) as RunView[]).map((r) => `${r.id}:${r.status}`).join(",");
    });

  it("sends the runs list, then a new one when a run is submitted and each time a run changes status", async () => {
    const response = s.app.inject({ url: "/v1/runs/events", headers: s.auth(bob) });
    await whenIdle(() => submit("dev"));
    await whenIdle(() => s.engine.setStatus("run-1", "running"));
    await whenIdle(() => submit("qa"));
    await whenIdle(() => s.engine.setStatus("run-1", "succeeded"));
    await whenIdle(() => s.app.close());
    const res = await response;
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/event-stream/);
    assert.deepEqual(runLists(res.body), [
      "",
      "run-1:queued",
      "run-1:running",
      "run-2:queued,run-1:running",
      "run-2:queued,run-1:succeeded",
    ]);
    const ids = parseSse(res.body).map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it("applies the filters of GET /v1/runs: a change outside them sends nothing", async () => {
    const response = s.app.inject({
      url: "/v1/runs/events?environment=qa&kind=deploy&status=queued&limit=1",
      headers: s.auth(bob),
    });
    await whenIdle(() => submit("dev"));
    await whenIdle(() => submit("qa"));
    await whenIdle(() => s.engine.setStatus("run-1", "running"));
    await whenIdle(() => submit("qa"));
    await whenIdle(() => s.engine.setStatus("run-3", "running"));
    await whenIdle(() => s.app.close());
    assert.deepEqual(runLists((await response).body), ["", "run-2:queued", "run-3:queued", "run-2:queued"]);
  });

  it("refuses an unknown filter value or parameter with a 400 before the stream starts", async () => {
    for (const query of ["status=nope", "kind=launch", "limit=0", "colour=red"]) {
      const res = await s.app.inject({ url: `/v1/runs/events?${query}`, headers: s.auth(bob) });
      assert.equal(res.statusCode, 400, query);
      assert.match(String(res.headers["content-type"]), /^application\/json/);
      assert.equal(errorOf(res).kind, "input");
    }
    assert.match(
      errorOf(await s.app.inject({ url: "/v1/runs/events?status=nope", headers: s.auth(bob) })).message,
      /query\.status/,
    );
  });

  it("takes the token as ?access_token= on the event streams only", async () => {
    const stream = s.app.inject({ url: `/v1/approvals/events?access_token=${bob}` });
    let runs: Promise<LightMyRequestResponse> | undefined;
    await whenIdle(() => {
      runs = s.app.inject({ url: `/v1/runs/events?limit=5&access_token=${bob}` });
    });
    await whenIdle(() => s.app.close());
    assert.equal((await stream).statusCode, 200);
    assert.deepEqual(runLists((await runs!).body), [""]);

    const other = await startTestApp(t.db, { platformYaml: GATED_YAML });
    try {
      const token = other.adminToken;
      const json = await other.app.inject({ url: `/v1/status?access_token=${token}` });
      assert.equal(json.statusCode, 401);
      assert.match(errorOf(json).message, /Authorization: Bearer/);
      assert.equal((await other.app.inject({ url: `/v1/runs?access_token=${token}` })).statusCode, 401);
      const wrong = await other.app.inject({ url: "/v1/status/events?access_token=qs_nope" });
      assert.deepEqual([wrong.statusCode, errorOf(wrong).message], [401, "unknown token"]);
      await other.app.inject({
        method: "POST",
        url: "/v1/runs",
        headers: other.auth(token),
        payload: { kind: "noop", environment: "dev", services: [] },
      });
      const events = await other.app.inject({ url: `/v1/runs/run-1/events?format=json&access_token=${token}` });
      assert.equal(events.statusCode, 200);
      const missing = await other.app.inject({ url: "/v1/status/events?environment=qq", headers: other.auth(token) });
      assert.deepEqual([missing.statusCode, errorOf(missing).kind], [404, "not-found"]);
    } finally {
      await other.close();
    }
  });

  it("keeps ?access_token= out of the request log", async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) });
    const platform = testPlatform(GATED_YAML);
    const clock = new ManualClock(T0);
    const app = await buildApp({
      engine: new FakeEngine(platform, clock),
      platform,
      db: t.db,
      targets: fakeTargets({}),
      stateDir: s.stateDir,
      logger: pino({ level: "info" }, sink),
      clock,
    });
    try {
      await app.ready();
      await app.inject({ url: `/v1/status?access_token=${bob}&environment=dev` });
      const log = lines.join("");
      assert.match(log, /access_token=\[redacted\]&environment=dev/);
      assert.doesNotMatch(log, new RegExp(bob));
    } finally {
      await app.close();
    }
  });
});
