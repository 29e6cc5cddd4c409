import assert from "node:assert/strict";
import { after, afterEach, beforeEach, it } from "node:test";
import { HEARTBEAT_MS } from "../../src/api/sse.js";
import { parseSse } from "../../src/cli/sse.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { clearTables, errorOf, startTestApp } from "./support.js";
import type { TestApp } from "./support.js";

after(removeTrees);

forEachDatabase("a run's events as Server-Sent Events", (t) => {
  let s: TestApp;
  let bob: string;
  beforeEach(async () => {
    await clearTables(t.db);
    s = await startTestApp(t.db);
    bob = (await s.tokenFor("bob")).token;
    await s.app.inject({
      method: "POST",
      url: "/v1/runs",
      headers: s.auth(bob),
      payload: { kind: "deploy", environment: "dev", services: ["web", "api"], params: { tag: "v1" } },
    });
  });
  afterEach(() => s.close());

  const stream = (query = "", headers: Record<string, string> = {}) =>
    s.app.inject({ url: `/v1/runs/run-1/events${query}`, headers: { ...s.auth(bob), ...headers } });
  const summary = (body: string) => parseSse(body).map((m) => `${m.id ?? "-"} ${m.event} ${m.data}`);

  it("replays a finished run's events after Last-Event-ID, then ends the stream", async () => {
    s.engine.setStep("run-1", "main/web", "succeeded");
    s.engine.setStatus("run-1", "succeeded");
    const res = await stream("?after=0", { "last-event-id": "1" });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/event-stream/);
    assert.deepEqual(
      summary(res.body).map((l) => l.replace(/"at":\d+/, '"at":T')),
      [
        '2 step {"id":2,"runId":"run-1","at":T,"type":"step","data":{"key":"main/web","status":"succeeded","attempt":0}}',
        '3 run {"id":3,"runId":"run-1","at":T,"type":"run","data":{"status":"succeeded"}}',
        '3 end {"runId":"run-1","status":"succeeded"}',
      ],
    );
  });

  it("starts after ?after= when no Last-Event-ID is sent", async () => {
    s.engine.setStatus("run-1", "failed");
    const res = await stream("?after=1");
    assert.deepEqual(
      parseSse(res.body).map((m) => m.event),
      ["run", "end"],
    );
  });

  it("streams live events as they come and ends when the run is final", async () => {
    const response = stream();
    await s.engine.nextWait("run-1");
    s.engine.setStep("run-1", "main/web", "running");
    await s.engine.nextWait("run-1");
    s.engine.setStep("run-1", "main/web", "succeeded");
    s.engine.setStatus("run-1", "succeeded");
    const res = await response;
    assert.deepEqual(
      parseSse(res.body).map((m) => [m.id, m.event]),
      [
        ["1", "run"],
        ["2", "step"],
        ["3", "step"],
        ["4", "run"],
        ["4", "end"],
      ],
    );
  });

  it("sends a heartbeat comment every 15 s of quiet", async () => {
    const response = stream("?after=1");
    await s.engine.nextWait("run-1");
    s.clock.advance(HEARTBEAT_MS);
    await s.engine.nextWait("run-1");
    s.engine.setStatus("run-1", "cancelled");
    const res = await response;
    assert.match(res.body, /^: heartbeat\n\nid: 2\nevent: run\n/);
  });

  it("ends open streams when the server closes", async () => {
    const response = stream();
    await s.engine.nextWait("run-1");
    await s.app.close();
    const res = await response;
    assert.deepEqual(
      parseSse(res.body).map((m) => m.event),
      ["run"],
    );
  });

  it("answers 404 with a JSON error for an unknown run, and 400 for a bad Last-Event-ID", async () => {
    const missing = await s.app.inject({ url: "/v1/runs/run-9/events", headers: s.auth(bob) });
    assert.equal(missing.statusCode, 404);
    assert.equal(errorOf(missing).kind, "not-found");
    const bad = await stream("", { "last-event-id": "abc" });
    assert.equal(bad.statusCode, 400);
    assert.equal(errorOf(bad).kind, "input");
  });
});
