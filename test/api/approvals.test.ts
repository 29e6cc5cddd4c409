import assert from "node:assert/strict";
import { after, afterEach, beforeEach, it } from "node:test";
import { DateTime } from "luxon";
import type { PendingApprovalView, DecidedRun, ExplanationView } from "../../src/api/promotion-schemas.js";
import type { RunView } from "../../src/engine/types.js";
import { fromJson } from "../../src/store/json.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { startEngineApp } from "./engine-app.js";
import type { EngineApp, User } from "./engine-app.js";
import { errorOf } from "./support.js";

after(removeTrees);

// Saturday 2026-11-21 10:00 in New York: the live window is closed until Monday 09:00.
const SATURDAY = DateTime.fromISO("2026-11-21T10:00", { zone: "America/New_York" }).toMillis();

forEachDatabase("approving and rejecting through the API", (t) => {
  let s: EngineApp;
  beforeEach(async () => {
    s = await startEngineApp(t);
    await s.engine.api.submit(
      { kind: "deploy", environment: "qa", services: ["api", "web"], params: { tag: "v1.2.3" } },
      "admin",
    );
    await s.settle();
  });
  afterEach(() => s.close());

  const promote = async (user: User, to: string[], params: object = {}): Promise<RunView> => {
    const res = await s.as(user, {
      method: "POST",
      url: "/v1/runs",
      payload: { kind: "promote", environment: "qa", services: ["api"], params: { to, tag: "v1.2.3", ...params } },
    });
    assert.equal(res.statusCode, 201, res.body);
    await s.settle(4);
    return res.json<RunView>();
  };
  /** Without a payload, a bare POST: no body at all. */
  const approve = (user: User, id: string, payload?: object) =>
    s.as(user, { method: "POST", url: `/v1/runs/${id}/approve`, ...(payload ? { payload } : {}) });
  const reject = (user: User, id: string, payload: object) =>
    s.as(user, { method: "POST", url: `/v1/runs/${id}/reject`, payload });
  const auditOf = (action: string) =>
    s.db.kysely.selectFrom("audit").selectAll().where("action", "=", action).execute();
  const runOf = (id: string) => s.engine.api.get(id);

  it("refuses a self-approval with 403 and records nothing", async () => {
    const run = await promote("rob", ["staging"]);
    const res = await approve("rob", run.id);
    assert.equal(res.statusCode, 403);
    assert.deepEqual(errorOf(res), {
      kind: "forbidden",
      message: "rob requested this run and cannot approve it (no self-approval here)",
    });
    assert.equal((await runOf(run.id)).status, "waiting");
  });

  it("refuses a member of no group the gate waits for with 403 and the JSON error body", async () => {
    const run = await promote("alice", ["staging"]);
    const res = await approve("cara", run.id, { comment: "fine by me" });
    assert.equal(res.statusCode, 403);
    assert.match(String(res.headers["content-type"]), /^application\/json/);
    assert.deepEqual(res.json(), { error: { kind: "forbidden", message: "cara is not a member of Release Manager" } });
    const elsewhere = await approve("rob", run.id, { environment: "prod" });
    assert.equal(elsewhere.statusCode, 404, "prod is no name or alias here");
    const wrongGate = await approve("rob", run.id, { environment: "live" });
    assert.equal(wrongGate.statusCode, 409);
    assert.match(errorOf(wrongGate).message, /is not waiting for approval of live \(it waits for staging\)/);
  });

  it("lets a member's approval move the run on, and records environment, group and comment in the audit log", async () => {
    const run = await promote("alice", ["staging"]);
    const res = await approve("rob", run.id, { comment: "looks good" });
    assert.equal(res.statusCode, 200, res.body);
    const decided = res.json<DecidedRun>();
    assert.deepEqual(
      { ...decided.decision, at: 0 },
      {
        environment: "staging",
        group: "Release Manager",
        actor: "rob",
        decision: "approve",
        comment: "looks good",
        at: 0,
      },
    );
    await s.settle();
    assert.equal((await runOf(run.id)).status, "succeeded");
    const [entry] = await auditOf("approval.approve");
    assert.deepEqual([entry?.actor, entry?.subject], ["rob", run.id]);
    const data = fromJson(entry!.data) as Record<string, unknown>;
    assert.deepEqual([data.environment, data.group, data.comment], ["staging", "Release Manager", "looks good"]);

    const again = await approve("rob", run.id);
    assert.equal(again.statusCode, 409);
    assert.match(errorOf(again).message, /is not waiting for an approval \(it is succeeded\)/);
  });

  it("needs a comment to reject, and fails the run with it", async () => {
    const run = await promote("alice", ["staging"]);
    const bare = await reject("rob", run.id, {});
    assert.equal(bare.statusCode, 400);
    assert.deepEqual(
      (errorOf(bare).details as { issues: { path: string }[] }).issues.map((i) => i.path),
      ["body.comment"],
    );
    assert.equal((await runOf(run.id)).status, "waiting");

    const res = await reject("rob", run.id, { comment: "wrong build" });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<DecidedRun>().decision.decision, "reject");
    await s.settle(4);
    const failed = await runOf(run.id);
    assert.equal(failed.status, "failed");
    assert.match(failed.error?.message ?? "", /staging rejected by rob \(Release Manager\): wrong build/);
    assert.equal((await auditOf("approval.reject")).length, 1);
  });

  it("lists what waits for approval with, for each caller, whether they may approve and why", async () => {
    const run = await promote("alice", ["staging"]);
    const seen = async (user: User) => {
      const res = await s.as(user, { url: "/v1/approvals" });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<PendingApprovalView[]>().map((p) => ({
        run: p.run.id,
        environment: p.environment,
        waitingFor: p.waitingFor,
        decisions: p.decisions.length,
        mayApprove: p.mayApprove,
        why: p.why,
      }));
    };
    const base = { run: run.id, environment: "staging", waitingFor: ["Release Manager"], decisions: 0 };
    assert.deepEqual(await seen("rob"), [{ ...base, mayApprove: true, why: "as Release Manager" }]);
    assert.deepEqual(await seen("alice"), [
      { ...base, mayApprove: false, why: "alice requested this run and cannot approve it (no self-approval here)" },
    ]);
    assert.deepEqual(await seen("cara"), [
      { ...base, mayApprove: false, why: "cara is not a member of Release Manager" },
    ]);
  });

  it("explains a promotion: first the groups still missing, then when the window opens", async () => {
    s.clock.set(SATURDAY);
    const run = await promote("alice", ["live"]);
    assert.equal((await approve("cara", run.id)).statusCode, 200);
    await s.settle(2);
    let explained = (await s.as("alice", { url: `/v1/runs/${run.id}/explain` })).json<ExplanationView>();
    assert.equal(explained.waiting?.kind, "approval");
    assert.match(explained.summary, /^waits for approval of live: waiting for approvals from Release Manager, CTO/);
    assert.deepEqual(explained.waiting?.approvals?.waitingFor, ["Release Manager", "CTO"]);
    assert.deepEqual(explained.waiting?.approvals?.groups, [
      { group: "CAB", approvedBy: ["cara"] },
      { group: "Release Manager", approvedBy: [] },
      { group: "CTO", approvedBy: [] },
    ]);

    for (const user of ["rob", "tim"] as const) assert.equal((await approve(user, run.id)).statusCode, 200);
    await s.settle(4);
    explained = (await s.as("alice", { url: `/v1/runs/${run.id}/explain` })).json<ExplanationView>();
    assert.equal(
      explained.summary,
      "waits for the deployment window of live: opens Mon 2026-11-23 09:00 America/New_York (2026-11-23T14:00:00Z)",
    );
    assert.deepEqual(explained.waiting?.earliest, {
      ms: Date.parse("2026-11-23T14:00:00Z"),
      local: "Mon 2026-11-23 09:00 America/New_York",
      utc: "2026-11-23T14:00:00Z",
    });
    assert.deepEqual((await s.as("rob", { url: "/v1/approvals" })).json(), []);
    assert.equal((await s.as("alice", { url: "/v1/runs/nope/explain" })).statusCode, 404);
  });

  it("refuses an emergency override by a user outside the allowed groups with 403, creating nothing", async () => {
    const before = (await s.engine.api.list({})).length;
    for (const payload of [
      {
        kind: "deploy",
        environment: "live",
        services: ["api"],
        params: { tag: "v1.2.3", emergency: { reason: "outage" } },
      },
      {
        kind: "promote",
        environment: "qa",
        services: ["api"],
        params: { to: ["live"], tag: "v1.2.3", emergency: { reason: "outage" } },
      },
    ]) {
      const res = await s.as("alice", { method: "POST", url: "/v1/runs", payload });
      assert.equal(res.statusCode, 403, res.body);
      assert.match(
        errorOf(res).message,
        /alice may not override deployment windows; only members of Release Manager may/,
      );
    }
    assert.equal((await s.engine.api.list({})).length, before);
    assert.deepEqual(
      (await auditOf("run.submit")).filter((e) => e.actor === "alice"),
      [],
    );

    const skip = await s.as("alice", {
      method: "POST",
      url: "/v1/runs",
      payload: {
        kind: "promote",
        environment: "qa",
        services: ["api"],
        params: { to: ["live"], tag: "v1.2.3", skipTests: true },
      },
    });
    assert.equal(skip.statusCode, 400);
    assert.match(errorOf(skip).message, /--skip-tests is refused for live/);
    assert.deepEqual(await auditOf("tests.skip"), []);
  });

  it("records an allowed emergency override and skipped tests as audit entries of their own", async () => {
    const override = await s.as("rob", {
      method: "POST",
      url: "/v1/runs",
      payload: {
        kind: "deploy",
        environment: "live",
        services: ["api"],
        params: { tag: "v1.2.3", emergency: { reason: "outage in EU" } },
      },
    });
    assert.equal(override.statusCode, 201, override.body);
    const overrides = await auditOf("gate.override");
    assert.deepEqual(
      overrides.map((e) => [e.actor, e.subject, (JSON.parse(e.data) as { reason: string }).reason]),
      [["rob", override.json<{ id: string }>().id, "outage in EU"]],
    );
    const skipped = await s.as("alice", {
      method: "POST",
      url: "/v1/runs",
      payload: {
        kind: "promote",
        environment: "qa",
        services: ["api"],
        params: { to: ["staging"], tag: "v1.2.3", skipTests: true },
      },
    });
    assert.equal(skipped.statusCode, 201, skipped.body);
    const deployed = await s.as("alice", {
      method: "POST",
      url: "/v1/runs",
      payload: { kind: "deploy", environment: "qa", services: ["api"], params: { tag: "v1.2.4", skipTests: true } },
    });
    assert.equal(deployed.statusCode, 201, deployed.body);
    assert.deepEqual(
      (await auditOf("tests.skip")).map((e) => [e.actor, e.subject]).sort(),
      [
        ["alice", skipped.json<{ id: string }>().id],
        ["alice", deployed.json<{ id: string }>().id],
      ].sort(),
    );
    const unchecked = await s.as("alice", {
      method: "POST",
      url: "/v1/runs",
      payload: {
        kind: "promote",
        environment: "qa",
        services: ["api"],
        params: { to: ["staging"], tag: "v1.2.3", skipSourceTests: true },
      },
    });
    assert.equal(unchecked.statusCode, 201, unchecked.body);
    assert.deepEqual(
      (await auditOf("tests.skip-source")).map((e) => [e.actor, e.subject]),
      [["alice", unchecked.json<{ id: string }>().id]],
    );
  });
});
