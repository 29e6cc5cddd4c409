/**
 * `quikship login` through a real OpenID provider (device authorization, the code confirmed in
 * headless Chromium), then the access commands against a live server: can, token, platform.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "../dashboard/browser.js";
import { cliBundle } from "../support/cli-bundle.js";
import { parseJson, runCli } from "../support/cli-process.js";
import type { CliResult } from "../support/cli-process.js";
import { completeAtProvider, startTestProvider } from "../support/oidc-provider.js";
import type { TestProvider } from "../support/oidc-provider.js";
import { startCountingServer, stopServer } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";
import { allStarted } from "../support/settled.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-access-"));
const state = join(dir, "state");
const file = join(dir, "quikship.yaml");
const platformYaml = (issuer: string, devDeploy: string): string => `version: 1
name: access
stacks: { node: { port: 3000 } }
services: { web: { stack: node } }
users: { erin: {} }
groups:
  Developers: { members: [erin] }
  Release Manager: {}
environments:
  dev: { tier: nonprod, permissions: { deploy: [${devDeploy}], scale: [Release Manager] } }
  qa: { from: dev, tier: nonprod, permissions: { deploy: [Release Manager] } }
signIn:
  oidc:
    issuer: ${issuer}
    clientId: quikship
    groups: { access-devs: Developers }
`;

let provider: TestProvider;
let server: ServerProcess;
let browser: Browser;
const quikship = (args: string[], env: Record<string, string> = {}): Promise<CliResult> =>
  runCli({ server: server.url, state, configHome: dir }, args, env);
const admin = (): Record<string, string> => ({ QUIKSHIP_TOKEN: readFileSync(join(state, "admin.token"), "utf8") });

/** Runs `quikship login` (no token file), confirming its code at the provider in Chromium as `login`. */
async function deviceLogin(login: string): Promise<CliResult> {
  const bundle = await cliBundle();
  const child = spawn(process.execPath, [bundle, "login", "--server", server.url], {
    env: { ...process.env, NO_COLOR: "1", QUIKSHIP_TOKEN: "", QUIKSHIP_SERVER: "", XDG_CONFIG_HOME: dir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  const prompt = new Promise<{ link: string; code: string }>((resolve) => {
    child.stderr.setEncoding("utf8").on("data", (c: string) => {
      stderr += c;
      const m = /open (\S+)\nand confirm the code (\S+)/.exec(stderr);
      if (m) resolve({ link: m[1]!, code: m[2]! });
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
  try {
    const { link, code } = await Promise.race([
      prompt,
      exited.then((c) => Promise.reject(new Error(`login exited (${c}) before its prompt: ${stderr}`))),
    ]);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(link);
      await completeAtProvider(page, provider.issuer, login, code);
    } finally {
      await context.close();
    }
    return { code: await exited, stdout, stderr };
  } finally {
    // A login whose confirmation failed would poll the server until its code expires: it ends here.
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}

describe("quikship login, can, token and platform against a live server with single sign-on", () => {
  before(async () => {
    await allStarted([
      launchChromium().then((b) => (browser = b)),
      (async () => {
        provider = await startTestProvider();
        writeFileSync(file, platformYaml(provider.issuer, "Developers"));
        server = await startCountingServer(dir, state);
        // The device flow needs no redirect; the client is registered with the server's callback all the same.
        provider.start(`${server.url}/auth/callback`);
      })(),
    ]);
  });
  after(async () => {
    await browser?.close();
    if (server) await stopServer(server, dir);
    await provider?.close();
  });

  it("logs in with device authorization and stores a session with the provider's groups", async () => {
    provider.groups.set("erin", ["access-devs"]);
    const login = await deviceLogin("erin");
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stdout, /logged in to .* as erin \(Developers\)/);
    const config = readFileSync(join(dir, "quikship", "config.json"), "utf8");
    assert.match(config, /"token": "qs_/);
    const me = parseJson<{ user: string; groups: string[]; auth: string }>(await quikship(["whoami", "-o", "json"]));
    assert.deepEqual([me.user, me.groups, me.auth], ["erin", ["Developers"], "oidc-session"]);
  });

  it("creates, lists, rotates and revokes a personal token after signing in", async () => {
    const created = await quikship(["token", "create", "--description", "laptop", "--expires-in", "7d"]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^qs_\S+\n$/);
    assert.match(created.stderr, /created token for erin: tok_\S+ \(personal, expires /);
    const id = /(tok_\S+)/.exec(created.stderr)![1]!;
    const rotated = await quikship(["token", "rotate", id, "-o", "json"]);
    assert.equal(rotated.code, 0, rotated.stderr);
    const fresh = parseJson<{ id: string; rotatedFrom: string; kind: string }>(rotated);
    assert.deepEqual([fresh.rotatedFrom, fresh.kind], [id, "personal"]);
    const listed = await quikship(["token", "list"]);
    assert.match(listed.stdout, /KIND/);
    assert.match(listed.stdout, new RegExp(`${fresh.id}\\s+personal\\s+erin`));
    const revoked = await quikship(["token", "revoke", fresh.id]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, new RegExp(`revoked token ${fresh.id} of erin`));
    const service = await quikship(["token", "create", "--service", "ci-bot", "--groups", "Developers"]);
    assert.notEqual(service.code, 0, "only an administrator makes service tokens");
    assert.match(service.stderr, /admin/i);
  });

  it("says why a user may or may not take an action, exiting 1 when refused", async () => {
    const yes = await quikship(["can", "erin", "deploy", "dev"], admin());
    assert.equal(yes.code, 0, yes.stderr);
    assert.match(yes.stdout, /^yes\s+deploy\s+.*Developers/m);
    const no = await quikship(["can", "erin", "scale", "dev"], admin());
    assert.equal(no.code, 1);
    assert.match(no.stdout, /^no\s+scale\s+.*Release Manager/m);
    const unknown = await quikship(["can", "erin", "fly", "dev"]);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /fly/);
  });

  it("reloads the platform file, refusing an invalid one, so a removed group's next action is refused; history lists the versions", async () => {
    const deploy = () => quikship(["deploy", "dev", "--services", "web", "--tag", "v1.0.0"]);
    assert.equal((await deploy()).code, 0, "erin deploys to dev as a Developer");
    writeFileSync(file, platformYaml(provider.issuer, "Developers").replace("stacks:", "stacks: {}\nstacks:"));
    const invalid = await quikship(["platform", "reload"], admin());
    assert.notEqual(invalid.code, 0);
    assert.match(invalid.stderr, /quikship\.yaml:\d+:\d+/);
    writeFileSync(file, platformYaml(provider.issuer, "Release Manager"));
    const reloaded = await quikship(["platform", "reload"], admin());
    assert.equal(reloaded.code, 0, reloaded.stderr);
    assert.match(reloaded.stdout, /platform version 2 in use \(was 1\)/);
    assert.match(reloaded.stdout, /environments\.dev\.permissions\.deploy: \["Developers"\] → \["Release Manager"\]/);
    const refused = await deploy();
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /deploy/);
    const history = await quikship(["platform", "history", "--changes"]);
    assert.equal(history.code, 0, history.stderr);
    assert.match(history.stdout, /^2 \*\s+\S.*admin\s+reload\s+1/m);
    assert.match(history.stdout, /^1\s+.*startup/m);
    const notAdmin = await quikship(["platform", "reload"]);
    assert.notEqual(notAdmin.code, 0, "a Developer may not reload the platform");
  });
});
