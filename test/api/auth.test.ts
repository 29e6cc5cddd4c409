import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, afterEach, beforeEach, it } from "node:test";
import { hashToken } from "../../src/api/token-secret.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { clearTables, errorOf, startTestApp } from "./support.js";
import type { TestApp } from "./support.js";

after(removeTrees);

forEachDatabase("API authentication and tokens", (t) => {
  let s: TestApp;
  beforeEach(async () => {
    await clearTables(t.db);
    s = await startTestApp(t.db);
  });
  afterEach(() => s.close());

  it("writes the first-start admin token with mode 0600 and keeps only its hash", async () => {
    const path = join(s.stateDir, "admin.token");
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.match(s.adminToken, /^qs_[A-Za-z0-9_-]{43}$/);
    const rows = await t.db.kysely.selectFrom("tokens").selectAll().execute();
    assert.deepEqual(
      rows.map((r) => [r.user_name, r.token_hash]),
      [["admin", hashToken(s.adminToken)]],
    );
  });

  it("leaves an existing admin token file as it is on the next start", async () => {
    const before = readFileSync(join(s.stateDir, "admin.token"), "utf8");
    await s.app.close();
    const again = await startTestApp(t.db);
    try {
      assert.notEqual(again.adminToken, s.adminToken, "a fresh state dir gets its own token");
    } finally {
      await again.close();
    }
    assert.equal(readFileSync(join(s.stateDir, "admin.token"), "utf8"), before);
  });

  it("refuses a /v1 call without a token with 401 and a JSON error", async () => {
    const res = await s.app.inject({ method: "POST", url: "/v1/runs", payload: { kind: "noop", environment: "dev" } });
    assert.equal(res.statusCode, 401);
    assert.equal(errorOf(res).kind, "unauthenticated");
    assert.match(errorOf(res).message, /Authorization: Bearer/);
    assert.deepEqual(await s.engine.list({}), []);
  });

  it("refuses an unknown token and a malformed header with 401", async () => {
    for (const authorization of ["Bearer qs_notatoken", "Basic YWRtaW46YWRtaW4=", `Bearer ${s.adminToken.slice(3)}`]) {
      const res = await s.app.inject({ url: "/v1/whoami", headers: { authorization } });
      assert.equal(res.statusCode, 401, authorization);
      assert.equal(errorOf(res).kind, "unauthenticated");
    }
  });

  it("tells who the token belongs to, with the user's groups", async () => {
    const admin = await s.app.inject({ url: "/v1/whoami", headers: s.auth(s.adminToken) });
    assert.deepEqual(
      { ...admin.json<Record<string, unknown>>(), tokenId: "-" },
      { user: "admin", groups: ["Platform"], admin: true, tokenId: "-", auth: "bootstrap-token", mayApprove: false },
    );
    const bob = await s.tokenFor("bob");
    const res = await s.app.inject({ url: "/v1/whoami", headers: s.auth(bob.token) });
    assert.deepEqual(res.json(), {
      user: "bob",
      groups: ["Developers"],
      admin: false,
      tokenId: bob.id,
      auth: "issued-token",
      // The test platform names no sign-in provider: the administrator vouches for bob (docs/security.md).
      mayApprove: true,
    });
  });

  it("shows a new token once and stores only its hash", async () => {
    const res = await s.app.inject({
      method: "POST",
      url: "/v1/tokens",
      headers: s.auth(s.adminToken),
      payload: { user: "alice", description: "laptop" },
    });
    assert.equal(res.statusCode, 201);
    const issued = res.json<{ id: string; token: string; user: string; description: string }>();
    assert.equal(issued.user, "alice");
    assert.equal(issued.description, "laptop");
    const stored = await t.db.kysely
      .selectFrom("tokens")
      .selectAll()
      .where("id", "=", issued.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.token_hash, hashToken(issued.token));
    const everything = JSON.stringify(await t.db.kysely.selectFrom("tokens").selectAll().execute());
    assert.ok(
      !everything.includes(issued.token) && !everything.includes(issued.token.slice(3)),
      "the raw token is not in the tokens table",
    );

    const list = await s.app.inject({ url: "/v1/tokens", headers: s.auth(s.adminToken) });
    assert.ok(
      !list.body.includes(issued.token) && !list.body.includes(stored.token_hash),
      "the list shows neither tokens nor hashes",
    );
    assert.deepEqual(
      list
        .json<{ user: string }[]>()
        .map((x) => x.user)
        .sort(),
      ["admin", "alice"],
    );
  });

  it("refuses a non-admin issuing tokens or revoking an issued one with 403, and lists only their own", async () => {
    const bob = await s.tokenFor("bob");
    const calls = [
      { method: "POST" as const, url: "/v1/tokens", payload: { user: "bob" } },
      { method: "POST" as const, url: "/v1/tokens/service", payload: { name: "ci" } },
      { method: "DELETE" as const, url: `/v1/tokens/${bob.id}` },
    ];
    for (const call of calls) {
      const res = await s.app.inject({ ...call, headers: s.auth(bob.token) });
      assert.equal(res.statusCode, 403, call.url);
      assert.equal(errorOf(res).kind, "forbidden");
    }
    const mine = await s.app.inject({ url: "/v1/tokens", headers: s.auth(bob.token) });
    assert.deepEqual(
      mine.json<{ id: string }[]>().map((x) => x.id),
      [bob.id],
    );
    assert.equal((await t.db.kysely.selectFrom("tokens").selectAll().execute()).length, 2);
  });

  it("lets a member of an admin group issue tokens", async () => {
    const alice = await s.tokenFor("alice");
    const res = await s.app.inject({
      method: "POST",
      url: "/v1/tokens",
      headers: s.auth(alice.token),
      payload: { user: "bob" },
    });
    assert.equal(res.statusCode, 201);
  });

  it("refuses a revoked token with 401", async () => {
    const bob = await s.tokenFor("bob");
    assert.equal((await s.app.inject({ url: "/v1/whoami", headers: s.auth(bob.token) })).statusCode, 200);
    const revoke = await s.app.inject({ method: "DELETE", url: `/v1/tokens/${bob.id}`, headers: s.auth(s.adminToken) });
    assert.equal(revoke.statusCode, 200);
    assert.equal(revoke.json<{ revokedAt: number }>().revokedAt, s.clock.now());
    const res = await s.app.inject({ url: "/v1/whoami", headers: s.auth(bob.token) });
    assert.equal(res.statusCode, 401);
    assert.match(errorOf(res).message, /revoked/);
    const again = await s.app.inject({ method: "DELETE", url: `/v1/tokens/${bob.id}`, headers: s.auth(s.adminToken) });
    assert.equal(again.statusCode, 409);
    const unknown = await s.app.inject({ method: "DELETE", url: "/v1/tokens/tok_nope", headers: s.auth(s.adminToken) });
    assert.equal(unknown.statusCode, 404);
  });

  it("refuses a token for an unknown user with 404 naming the nearest users", async () => {
    const res = await s.app.inject({
      method: "POST",
      url: "/v1/tokens",
      headers: s.auth(s.adminToken),
      payload: { user: "alcie" },
    });
    assert.equal(res.statusCode, 404);
    assert.equal(errorOf(res).kind, "not-found");
    assert.match(errorOf(res).message, /unknown user "alcie" \(did you mean "alice"\? known: admin, alice, bob\)/);
  });

  it("records the actor of token creations and revocations in the audit log", async () => {
    const alice = await s.tokenFor("alice");
    await s.app.inject({ method: "DELETE", url: `/v1/tokens/${alice.id}`, headers: s.auth(s.adminToken) });
    const audit = await t.db.kysely.selectFrom("audit").selectAll().orderBy("seq").execute();
    assert.deepEqual(
      audit.map((a) => [a.seq, a.actor, a.action, a.subject]),
      [
        [1, "quikship", "token.create", audit[0]!.subject],
        [2, "admin", "token.create", alice.id],
        [3, "admin", "token.revoke", alice.id],
      ],
    );
  });

  it("records when a token was last used", async () => {
    const bob = await s.tokenFor("bob");
    await s.app.inject({ url: "/v1/whoami", headers: s.auth(bob.token) });
    const row = await t.db.kysely
      .selectFrom("tokens")
      .select("last_used_at")
      .where("id", "=", bob.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.last_used_at, s.clock.now());
  });
});
