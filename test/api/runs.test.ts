import assert from "node:assert/strict";
import { after, afterEach, beforeEach, it } from "node:test";
import type { RunEvent, RunView } from "../../src/engine/types.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { clearTables, errorOf, startTestApp } from "./support.js";
import type { TestApp } from "./support.js";

after(removeTrees);

forEachDatabase("the runs API", (t) => {
  let s: TestApp;
  let bob: string;
  let bobTokenId: string;
  beforeEach(async () => {
    await clearTables(t.db);
    s = await startTestApp(t.db);
    ({ token: bob, id: bobTokenId } = await s.tokenFor("bob"));
  });
  afterEach(() => s.close());

  const submit = (payload: unknown, token = bob) =>
    s.app.inject({ method: "POST", url: "/v1/runs", headers: s.auth(token), payload: payload as object });
  const auditOf = (action: string) =>
    t.db.kysely.selectFrom("audit").selectAll().where("action", "=", action).execute();

  it("starts a run as the token's user and records it in the audit log", async () => {
    const res = await submit({ kind: "deploy", environment: "dev", services: ["web"], params: { tag: "1.2.3" } });
    assert.equal(res.statusCode, 201);
    const run = res.json<RunView>();
    assert.deepEqual(
      [run.kind, run.environment, run.services, run.actor, run.status],
      ["deploy", "dev", ["web"], "bob", "queued"],
    );
    assert.deepEqual(run.request.params, { tag: "1.2.3" });
    const audit = await auditOf("run.submit");
    assert.deepEqual(
      audit.map((a) => [a.actor, a.subject]),
      [["bob", run.id]],
    );
  });

  it("starts a deploy as a canary with canary: true", async () => {
    const res = await submit({
      kind: "deploy",
      environment: "dev",
      services: ["web"],
      params: { tag: "1.2.3", canary: true },
    });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json<RunView>().request.params, { tag: "1.2.3", canary: true });
  });

  it("refuses a bad body with 400 and an input error listing the issues, creating nothing", async () => {
    const res = await submit({ kind: "deploi", enviroment: "dev", services: "web" });
    assert.equal(res.statusCode, 400);
    const error = errorOf(res);
    assert.equal(error.kind, "input");
    const paths = (error.details as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
    // The kind decides which fields and parameters apply, so an unknown kind is reported first, with the kinds there are.
    assert.deepEqual(paths, ["body.kind"]);
    assert.match(error.message, /deploy/);
    assert.deepEqual(await s.engine.list({}), []);
    assert.deepEqual(await auditOf("run.submit"), []);
  });

  it("refuses malformed JSON with 400 and an input error", async () => {
    const res = await s.app.inject({
      method: "POST",
      url: "/v1/runs",
      headers: { ...s.auth(bob), "content-type": "application/json" },
      payload: "{kind:",
    });
    assert.equal(res.statusCode, 400);
    assert.equal(errorOf(res).kind, "input");
  });

  it("answers 404 naming the nearest environment or service, creating nothing", async () => {
    const env = await submit({ kind: "deploy", environment: "qq", services: ["web"], params: { tag: "v1" } });
    assert.equal(env.statusCode, 404);
    assert.match(errorOf(env).message, /unknown environment "qq" \(did you mean "qa"\?/);
    const service = await submit({ kind: "deploy", environment: "qa", services: ["wbe"], params: { tag: "v1" } });
    assert.equal(service.statusCode, 404);
    assert.match(errorOf(service).message, /unknown service "wbe" \(did you mean "web"\?/);
    assert.deepEqual(await s.engine.list({}), []);
    assert.deepEqual(await auditOf("run.submit"), []);
  });

  it("lists runs newest first, filtered by environment, status and kind, within the limit", async () => {
    for (const environment of ["dev", "qa", "dev"]) await submit({ kind: "noop", environment });
    const all = await s.app.inject({ url: "/v1/runs", headers: s.auth(bob) });
    assert.deepEqual(
      all.json<RunView[]>().map((r) => r.id),
      ["run-3", "run-2", "run-1"],
    );
    s.engine.setStatus("run-1", "succeeded");
    const dev = await s.app.inject({
      url: "/v1/runs?environment=dev&status=queued&kind=noop&limit=5",
      headers: s.auth(bob),
    });
    assert.deepEqual(
      dev.json<RunView[]>().map((r) => r.id),
      ["run-3"],
    );
    const limited = await s.app.inject({ url: "/v1/runs?limit=1", headers: s.auth(bob) });
    assert.deepEqual(
      limited.json<RunView[]>().map((r) => r.id),
      ["run-3"],
    );
    const bad = await s.app.inject({ url: "/v1/runs?limit=zero&status=done", headers: s.auth(bob) });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual((errorOf(bad).details as { issues: { path: string }[] }).issues.map((i) => i.path).sort(), [
      "query.limit",
      "query.status",
    ]);
  });

  it("gets one run, and answers 404 for an unknown one", async () => {
    await submit({ kind: "noop", environment: "dev" });
    assert.equal((await s.app.inject({ url: "/v1/runs/run-1", headers: s.auth(bob) })).json<RunView>().id, "run-1");
    const missing = await s.app.inject({ url: "/v1/runs/run-9", headers: s.auth(bob) });
    assert.equal(missing.statusCode, 404);
    assert.equal(errorOf(missing).kind, "not-found");
  });

  it("cancels a run with a reason, audits it, and refuses to cancel it twice", async () => {
    await submit({ kind: "noop", environment: "dev" });
    const res = await s.app.inject({
      method: "POST",
      url: "/v1/runs/run-1/cancel",
      headers: s.auth(bob),
      payload: { reason: "wrong tag" },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<RunView>().status, "cancelled");
    assert.deepEqual(
      (await auditOf("run.cancel")).map((a) => [a.actor, a.subject, JSON.parse(a.data) as unknown]),
      [["bob", "run-1", { environment: "dev", reason: "wrong tag", actorToken: bobTokenId }]],
    );
    const again = await s.app.inject({ method: "POST", url: "/v1/runs/run-1/cancel", headers: s.auth(bob) });
    assert.equal(again.statusCode, 409);
    assert.equal(errorOf(again).kind, "conflict");
  });

  it("turns an engine failure into a 500 that says it is a bug", async () => {
    s.engine.failure = new Error("boom");
    const res = await s.app.inject({ url: "/v1/runs", headers: s.auth(bob) });
    assert.equal(res.statusCode, 500);
    assert.equal(errorOf(res).kind, "internal");
    assert.match(errorOf(res).message, /a bug in quikship.*boom/);
  });

  it("gives the events as JSON after a given id", async () => {
    await submit({ kind: "noop", environment: "dev" });
    s.engine.setStep("run-1", "main/noop", "running");
    const res = await s.app.inject({ url: "/v1/runs/run-1/events?format=json&after=1", headers: s.auth(bob) });
    assert.deepEqual(
      res.json<RunEvent[]>().map((e) => [e.id, e.type, e.data]),
      [[2, "step", { key: "main/noop", status: "running", attempt: 0 }]],
    );
  });
});
