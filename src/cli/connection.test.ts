import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { resolveConnection } from "./connection.js";
import { contextsPath, saveContext } from "./contexts.js";

const root = mkdtempSync(join(tmpdir(), "quikship-connection-"));
after(() => rmSync(root, { recursive: true, force: true }));

let count = 0;
/** A fresh config home and state directory with an admin token. */
function setup(): { env: NodeJS.ProcessEnv; state: string } {
  const dir = join(root, String(count++));
  const state = join(dir, "state");
  mkdirSync(state, { recursive: true });
  writeFileSync(join(state, "admin.token"), "qs_admin\n");
  return { env: { XDG_CONFIG_HOME: join(dir, "config") }, state };
}

describe("choosing the server and token of a client command", () => {
  it("defaults to the local server with the state directory's admin token", () => {
    const { env, state } = setup();
    assert.deepEqual(resolveConnection({ state }, env), {
      server: "http://127.0.0.1:7300",
      token: "qs_admin",
      tokenSource: join(state, "admin.token"),
    });
  });

  it("prefers --server to $QUIKSHIP_SERVER, and $QUIKSHIP_TOKEN to everything else", () => {
    const { env, state } = setup();
    const c = resolveConnection(
      { server: "http://127.0.0.1:9000/", state },
      { ...env, QUIKSHIP_SERVER: "http://other:1", QUIKSHIP_TOKEN: "qs_env" },
    );
    assert.deepEqual([c.server, c.token], ["http://127.0.0.1:9000", "qs_env"]);
  });

  it("never sends the local admin token to a server on another machine", () => {
    const { env, state } = setup();
    assert.equal(resolveConnection({ server: "https://quikship.example.com", state }, env).token, undefined);
  });

  it("uses the current login context, and a stored token only for its own server", () => {
    const { env, state } = setup();
    const path = contextsPath(env);
    saveContext(path, "prod", { server: "https://quikship.example.com", token: "qs_prod" });
    saveContext(path, "staging", { server: "https://staging.example.com", token: "qs_staging" });
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(resolveConnection({ state }, env), {
      server: "https://staging.example.com",
      token: "qs_staging",
      tokenSource: "context staging",
    });
    assert.equal(resolveConnection({ server: "https://quikship.example.com", state }, env).token, "qs_prod");
    assert.equal(resolveConnection({ server: "https://elsewhere.example.com", state }, env).token, undefined);
  });

  it("finds the admin token from $QUIKSHIP_STATE, else in .quikship of the current directory or a parent", () => {
    const { env, state } = setup();
    const checkout = join(state, "..", "checkout");
    mkdirSync(join(checkout, ".quikship"), { recursive: true });
    writeFileSync(join(checkout, ".quikship", "admin.token"), "qs_checkout\n");
    const deep = join(checkout, "examples", "quikapp", "services");
    mkdirSync(deep, { recursive: true });
    assert.equal(resolveConnection({}, env, deep).token, "qs_checkout");
    assert.equal(resolveConnection({}, env, checkout).token, "qs_checkout");
    assert.equal(resolveConnection({}, { ...env, QUIKSHIP_STATE: state }, deep).token, "qs_admin");
    assert.equal(resolveConnection({ state }, { ...env, QUIKSHIP_STATE: join(deep, "none") }, deep).token, "qs_admin");
    assert.equal(resolveConnection({}, env, root).token, undefined, "no state directory anywhere above");
  });

  it("refuses a server that is not an http URL as a usage error", () => {
    const { env, state } = setup();
    assert.throws(() => resolveConnection({ server: "ftp://x", state }, env), { kind: "usage" });
    assert.throws(() => resolveConnection({ server: "not a url", state }, env), { kind: "usage" });
  });
});
