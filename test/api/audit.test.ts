import assert from "node:assert/strict";
import { after, afterEach, beforeEach, it } from "node:test";
import { sql } from "kysely";
import type { AuditEntryView, AuditVerificationView } from "../../src/api/audit-schemas.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { clearTables, errorOf, startTestApp, T0 } from "./support.js";
import type { TestApp } from "./support.js";

after(removeTrees);

forEachDatabase("the audit API", (t) => {
  let s: TestApp;
  let bob: { id: string; token: string };
  beforeEach(async () => {
    await clearTables(t.db);
    s = await startTestApp(t.db);
    bob = await s.tokenFor("bob");
  });
  afterEach(() => s.close());

  const get = (url: string, token = bob.token) => s.app.inject({ url, headers: s.auth(token) });
  const submit = (environment: string) =>
    s.app.inject({
      method: "POST",
      url: "/v1/runs",
      headers: s.auth(bob.token),
      payload: { kind: "deploy", environment, services: ["web"], params: { tag: "v1" } },
    });

  it("lets any user read the entries, with the token that made each change", async () => {
    await submit("dev");
    const res = await get("/v1/audit");
    assert.equal(res.statusCode, 200);
    const entries = res.json<AuditEntryView[]>();
    assert.deepEqual(
      entries.map((e) => [e.seq, e.actor, e.action]),
      [
        [1, "quikship", "token.create"],
        [2, "admin", "token.create"],
        [3, "bob", "run.submit"],
      ],
    );
    assert.deepEqual(entries[2]!.data, {
      kind: "deploy",
      environment: "dev",
      services: ["web"],
      params: { tag: "v1" },
      actorToken: bob.id,
      actorAuth: "issued-token",
      permission: [
        {
          action: "deploy",
          environment: "dev",
          why: "the platform declares no permissions, so every signed-in user may deploy in dev",
        },
      ],
      gates: "none: a deploy passes no approval gate or window",
      platformVersion: 0,
    });
    assert.equal(entries[2]!.prevHash, entries[1]!.hash);
  });

  it("filters by environment, action, time and count", async () => {
    await submit("dev");
    s.clock.advance(60_000);
    await submit("qa");
    const seqs = async (query: string) =>
      (await get(`/v1/audit?${query}`)).json<AuditEntryView[]>().map((e) => [e.seq, e.action]);
    assert.deepEqual(await seqs("env=qa"), [[4, "run.submit"]]);
    assert.deepEqual(await seqs("action=token.create&limit=1"), [[2, "token.create"]]);
    assert.deepEqual(await seqs(`since=${new Date(T0 + 60_000).toISOString()}`), [[4, "run.submit"]]);
    assert.deepEqual(await seqs(`since=${T0 + 60_000}`), [[4, "run.submit"]]);
  });

  it("refuses an unknown environment with the nearest names, and a malformed time", async () => {
    const env = await get("/v1/audit?env=qq");
    assert.equal(env.statusCode, 404);
    assert.match(errorOf(env).message, /unknown environment "qq"/);
    const since = await get("/v1/audit?since=yesterday");
    assert.equal(since.statusCode, 400);
    assert.match(errorOf(since).message, /query\.since: must be an ISO 8601 date-time/);
  });

  it("verifies the chain, and answers 200 naming the first bad entry once a row was edited", async () => {
    await submit("dev");
    const ok = await get("/v1/audit/verify");
    assert.equal(ok.statusCode, 200);
    const verified = ok.json<AuditVerificationView>();
    assert.ok(verified.ok && verified.last !== null);
    assert.deepEqual([verified.entries, verified.last.seq], [3, 3]);
    assert.equal((await get(`/v1/audit/verify?known=3:${verified.last.hash}`)).json<AuditVerificationView>().ok, true);

    await sql`update audit set actor = 'mallory' where seq = 2`.execute(t.db.kysely);
    const bad = await get("/v1/audit/verify");
    assert.equal(bad.statusCode, 200);
    const result = bad.json<AuditVerificationView>();
    assert.ok(!result.ok);
    assert.deepEqual([result.entries, result.firstBad.seq, result.firstBad.problem], [3, 2, "altered"]);
    assert.match(result.firstBad.message, /^entry 2 \(token\.create by mallory at .*\) was altered/);
  });

  it("refuses a malformed kept entry", async () => {
    const res = await get("/v1/audit/verify?known=abc");
    assert.equal(res.statusCode, 400);
    assert.match(errorOf(res).message, /query\.known: must be SEQ:HASH/);
  });
});
