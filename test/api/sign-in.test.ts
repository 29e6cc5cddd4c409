/**
 * Single sign-on against a real OpenID provider (`oidc-provider`, in this process): the dashboard
 * signs in through the provider's login page in headless Chromium; device authorization gives a
 * session with the provider's groups; a group taken away at the provider is gone at the refresh.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { pino } from "pino";
import type { Browser } from "playwright-core";
import { buildApp } from "../../src/api/app.js";
import { ManualClock } from "../../src/engine/clock.js";
import { fromJson } from "../../src/store/json.js";
import { removeTrees } from "../config/support.js";
import { freshDashboard, launchChromium } from "../dashboard/browser.js";
import { forEachDatabase } from "../support/databases.js";
import { FakeEngine } from "../support/fake-engine.js";
import { fakeTargets } from "../support/fake-target.js";
import { completeAtProvider, startTestProvider } from "../support/oidc-provider.js";
import type { TestProvider } from "../support/oidc-provider.js";
import { clearTables, PLATFORM_YAML, T0, testPlatform } from "./support.js";

after(removeTrees);

const signInYaml = (issuer: string): string => `${PLATFORM_YAML}signIn:
  oidc:
    issuer: ${issuer}
    clientId: quikship
    groups:
      shop-developers: Developers
  sessionRefresh: 5m
`;

interface Server {
  app: FastifyInstance;
  url: string;
  clock: ManualClock;
  close(): Promise<void>;
}

let dashboardDir: string;
let browser: Browser;
before(async () => {
  dashboardDir = await freshDashboard();
  browser = await launchChromium();
});
after(() => browser.close());

forEachDatabase("single sign-on with a real OpenID provider", (t) => {
  let provider: TestProvider;
  let s: Server;
  beforeEach(async () => {
    await clearTables(t.db);
    provider = await startTestProvider();
    const platform = testPlatform(signInYaml(provider.issuer));
    const clock = new ManualClock(T0);
    const stateDir = mkdtempSync(join(tmpdir(), "quikship-state-"));
    const app = await buildApp({
      engine: new FakeEngine(platform, clock, t.db),
      platform,
      db: t.db,
      targets: fakeTargets({}),
      stateDir,
      logger: pino({ level: "silent" }),
      clock,
      dashboard: { dir: dashboardDir },
    });
    const url = await app.listen({ port: 0, host: "127.0.0.1" });
    provider.start(`${url}/auth/callback`);
    s = {
      app,
      url,
      clock,
      close: async () => {
        await app.close();
        await provider.close();
        rmSync(stateDir, { recursive: true, force: true });
      },
    };
  });
  afterEach(() => s.close());

  it("signs the dashboard in through the provider's login page, with an HTTP-only cookie and CSRF checks", async () => {
    provider.groups.set("carol", ["shop-developers", "unmapped-group"]);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${s.url}/runs`);
      await page.getByTestId("sso").click();
      await page.waitForURL((u) => u.href.startsWith(provider.issuer));
      await completeAtProvider(page, provider.issuer, "carol");
      await page.waitForURL(`${s.url}/runs`);
      const who = page.getByTestId("whoami");
      await who.waitFor();
      assert.match(await who.innerText(), /Signed in as carol · Developers/);

      const cookie = (await context.cookies(s.url)).find((c) => c.name === "qs_session");
      assert.ok(cookie, "the session cookie is set");
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, "Lax");
      assert.equal(
        await page.evaluate(() =>
          (globalThis as unknown as { document: { cookie: string } }).document.cookie.includes("qs_session"),
        ),
        false,
        "scripts never see it",
      );
      const rows = await t.db.kysely.selectFrom("sessions").selectAll().execute();
      assert.deepEqual(
        rows.map((r) => [r.user_name, r.method, fromJson(r.groups)]),
        [["carol", "oidc", ["Developers", "unmapped-group"]]],
      );
      assert.ok(!rows.some((r) => r.secret_hash === cookie.value), "only the secret's hash is stored");

      // A state-changing call made with the cookie needs the session's CSRF token.
      // (A string: the test runner's transform would add helpers the page does not have.)
      const statuses = await page.evaluate(`(async () => {
        const me = await (await fetch("/v1/whoami")).json();
        const post = (headers) =>
          fetch("/v1/tokens/personal", {
            method: "POST",
            headers: { "content-type": "application/json", ...headers },
            body: JSON.stringify({ description: "laptop" }),
          }).then((r) => r.status);
        return {
          auth: me.auth,
          without: await post({}),
          forged: await post({ "x-csrf-token": "x" }),
          with: await post({ "x-csrf-token": me.csrfToken }),
        };
      })()`);
      assert.deepEqual(statuses, { auth: "oidc-session", without: 403, forged: 403, with: 201 });

      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByTestId("sso").waitFor();
      const ended = await t.db.kysely.selectFrom("sessions").select("revoked_at").executeTakeFirstOrThrow();
      assert.notEqual(ended.revoked_at, null, "signing out ends the session in the database");
    } finally {
      await context.close();
    }
  });

  it("gives a device sign-in a session with the provider's groups, and drops a group the provider took away at the refresh", async () => {
    provider.groups.set("dana", ["shop-developers"]);
    const started = await fetch(`${s.url}/auth/device`, { method: "POST" });
    assert.equal(started.status, 200);
    const device = (await started.json()) as { deviceCode: string; userCode: string; verificationUriComplete: string };
    const poll = async () => {
      const res = await fetch(`${s.url}/auth/device/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ deviceCode: device.deviceCode }),
      });
      return (await res.json()) as { status: string; token?: string; groups?: string[] };
    };
    assert.equal((await poll()).status, "pending");

    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(device.verificationUriComplete);
      await completeAtProvider(page, provider.issuer, "dana", device.userCode);
    } finally {
      await context.close();
    }
    let done = await poll();
    // The provider may ask to slow down right after the pending answer; its interval is 5 s.
    for (let i = 0; done.status !== "done" && i < 3; i++) {
      await new Promise((r) => setTimeout(r, 5_500));
      done = await poll();
    }
    assert.equal(done.status, "done");
    assert.deepEqual(done.groups, ["Developers"]);
    const auth = { authorization: `Bearer ${done.token}` };
    const whoami = async () =>
      (await s.app.inject({ url: "/v1/whoami", headers: auth })).json<{ groups: string[]; auth: string }>();
    assert.deepEqual(await whoami(), { ...(await whoami()), groups: ["Developers"], auth: "oidc-session" });

    provider.groups.set("dana", []);
    assert.deepEqual((await whoami()).groups, ["Developers"], "read again only when the refresh is due");
    s.clock.advance(5 * 60_000);
    assert.deepEqual((await whoami()).groups, [], "the provider's answer at the refresh wins");
    const row = await t.db.kysely.selectFrom("sessions").selectAll().executeTakeFirstOrThrow();
    assert.equal(row.refreshed_at, s.clock.now());
  });

  it("refuses a callback with no sign-in under way and a device poll with an unknown code, storing no session", async () => {
    const callback = await fetch(`${s.url}/auth/callback?code=abc&state=def`, { redirect: "manual" });
    assert.equal(callback.status, 401);
    assert.match(((await callback.json()) as { error: { message: string } }).error.message, /no sign-in is under way/);
    const res = await fetch(`${s.url}/auth/device/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ deviceCode: "not-a-device-code" }),
    });
    assert.equal(res.status, 401);
    assert.deepEqual(await t.db.kysely.selectFrom("sessions").selectAll().execute(), []);
  });

  it("redirects /auth/login to the provider with PKCE and keeps only a path of this server to return to", async () => {
    const res = await fetch(`${s.url}/auth/login?returnTo=//evil.example/x`, { redirect: "manual" });
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get("location")!);
    assert.equal(location.origin, provider.issuer);
    assert.equal(location.searchParams.get("code_challenge_method"), "S256");
    assert.equal(location.searchParams.get("redirect_uri"), `${s.url}/auth/callback`);
    const pending = res.headers.get("set-cookie")!;
    assert.match(pending, /qs_signin=.*HttpOnly; SameSite=Lax/);
    const value = /qs_signin=([^;]+)/.exec(pending)![1]!;
    const kept = JSON.parse(Buffer.from(decodeURIComponent(value), "base64url").toString()) as { returnTo: string };
    assert.equal(kept.returnTo, "/");
  });
});

forEachDatabase("sign-in behind a reverse proxy (--trust-proxy)", (t) => {
  let provider: TestProvider;
  let stateDir: string;
  beforeEach(async () => {
    await clearTables(t.db);
    provider = await startTestProvider();
    provider.start("https://ship.quikapp.example/auth/callback");
    stateDir = mkdtempSync(join(tmpdir(), "quikship-state-"));
  });
  afterEach(async () => {
    await provider.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const appTrusting = async (trustProxy: string[] | undefined): Promise<FastifyInstance> => {
    const platform = testPlatform(signInYaml(provider.issuer));
    const clock = new ManualClock(T0);
    return buildApp({
      engine: new FakeEngine(platform, clock, t.db),
      platform,
      db: t.db,
      targets: fakeTargets({}),
      stateDir,
      logger: pino({ level: "silent" }),
      clock,
      ...(trustProxy ? { trustProxy } : {}),
    });
  };
  const forwarded = { "x-forwarded-proto": "https", "x-forwarded-host": "ship.quikapp.example" };
  const login = async (app: FastifyInstance, remoteAddress: string) => {
    const res = await app.inject({ method: "GET", url: "/auth/login", headers: forwarded, remoteAddress });
    assert.equal(res.statusCode, 302);
    const location = new URL(res.headers.location as string);
    return { redirectUri: location.searchParams.get("redirect_uri"), cookie: String(res.headers["set-cookie"]) };
  };

  it("returns to the URL the browser used when the proxy is trusted, and ignores the headers from anyone else", async () => {
    const trusting = await appTrusting(["loopback", "10.0.0.0/8"]);
    try {
      const viaProxy = await login(trusting, "10.1.2.3");
      assert.equal(viaProxy.redirectUri, "https://ship.quikapp.example/auth/callback");
      assert.match(viaProxy.cookie, /; Secure$/);
      // A client reaching the server directly cannot name another host or scheme.
      const direct = await login(trusting, "192.0.2.9");
      assert.equal(direct.redirectUri, "http://localhost:80/auth/callback");
    } finally {
      await trusting.close();
    }
    const plain = await appTrusting(undefined);
    try {
      assert.equal((await login(plain, "127.0.0.1")).redirectUri, "http://localhost:80/auth/callback");
    } finally {
      await plain.close();
    }
  });
});
