/**
 * The real server process against an attacker: a state directory made by someone else with
 * loose modes, tokens sent in every form that might reach the log, headers and bodies too large,
 * an audit key in the wrong place.
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeNewAuditKey } from "../../src/audit/key-source.js";
import { PLATFORM_YAML } from "../api/support.js";
import { refusedStart } from "../support/server-process.js";
import { removeTemporary, startServer, temporaryDir } from "./support.js";
import type { ServerProcess } from "./support.js";

after(removeTemporary);

/** A raw request, so that what node's client would refuse (huge headers) still goes out. */
function raw(url: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { headers }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    // An event stream never ends: what was sent is in the log by then.
    req.setTimeout(3000, () => {
      req.destroy();
      resolve({ status: 0, body: "" });
    });
    req.end();
  });
}

describe("the server against hostile input, files and logs", () => {
  let server: ServerProcess;
  let state: string;
  let config: string;
  let admin: string;
  let keys: string;

  before(async () => {
    config = temporaryDir("quikship-hostile-config-");
    writeFileSync(join(config, "quikship.yaml"), PLATFORM_YAML);
    state = join(temporaryDir("quikship-hostile-state-"), "state");
    // Made by hand before the first start, readable by everyone.
    mkdirSync(state, { mode: 0o755 });
    writeFileSync(join(state, "server.log"), "", { mode: 0o644 });
    keys = temporaryDir("quikship-hostile-keys-");
    writeNewAuditKey(join(keys, "audit.pem"));
    server = await startServer([
      "--config",
      config,
      "--state",
      state,
      "--audit-key",
      join(keys, "audit.pem"),
      "--audit-sink",
      join(keys, "checkpoints.jsonl"),
    ]);
    admin = readFileSync(join(state, "admin.token"), "utf8").trim();
  });

  after(async () => {
    if (server.child.exitCode === null) await server.stop("SIGKILL");
  });

  it("makes the state directory 0700 and its files 0600, whatever existed before", () => {
    assert.equal(statSync(state).mode & 0o777, 0o700);
    for (const file of ["server.log", "quikship.db", "admin.token"])
      assert.equal(statSync(join(state, file)).mode & 0o777, 0o600, file);
  });

  it("writes no token to the log in any form it was sent", async () => {
    const t = admin;
    const e = encodeURIComponent;
    const forms = [
      `/v1/runs?access_token=${t}`,
      `/v1/runs;access_token=${t}`,
      `/v1/status?x=1;access_token=${t}`,
      `/v1/status?access_token%3D${t}`,
      `/v1/status?access%5Ftoken=${t}`,
      `/v1/status?${e(`access_token=${t}`)}`,
      `/v1/status?${e(e(`access_token=${t}`))}`,
      `/v1/status?ACCESS_TOKEN=${t}`,
      `/v1/${t}`,
      `/v1/runs/${e(t)}`,
      `/v1/status?q=${[...t].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("")}`,
    ];
    for (const path of forms) await raw(server.url, path, {});
    await raw(server.url, "/v1/runs", { authorization: `Bearer ${t}x` });
    await raw(server.url, "/v1/runs", { authorization: `Basic ${Buffer.from(`u:${t}`).toString("base64")}` });
    await fetch(`${server.url}/v1/runs`, {
      method: "POST",
      headers: { authorization: `Bearer ${t}`, "content-type": "application/json" },
      body: JSON.stringify({ kind: "noop", environment: t, services: [] }),
    });
    const log = readFileSync(join(state, "server.log"), "utf8");
    assert.ok(log.includes("[redacted]"), "the log shows where a credential was");
    const secret = t.slice(3);
    for (const needle of [secret, secret.slice(0, 16), secret.slice(-16), e(t), Buffer.from(t).toString("base64")])
      assert.ok(!log.includes(needle), `the log holds ${needle}`);
  });

  it("answers headers over the limit with 431 and the one error body, and stays healthy", async () => {
    const headers = await raw(server.url, "/v1/runs", { "x-pad": "y".repeat(100_000) });
    assert.equal(headers.status, 431);
    assert.equal((JSON.parse(headers.body) as { error: { kind: string } }).error.kind, "headers-too-large");
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });

  it("anchors the audit log: verification reports the checkpoints, copied to the sink", async () => {
    const res = await fetch(`${server.url}/v1/audit/verify`, { headers: { authorization: `Bearer ${admin}` } });
    const result = (await res.json()) as { ok: boolean; anchor: { state: string; last: { seq: number } | null } };
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.anchor.state, "on");
    assert.ok((result.anchor.last?.seq ?? 0) >= 2);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the sink is copied every second
    const lines = readFileSync(join(keys, "checkpoints.jsonl"), "utf8").trim().split("\n");
    assert.ok(lines.length >= 2, lines.join("\n"));
    assert.equal(statSync(join(keys, "checkpoints.jsonl")).mode & 0o777, 0o600);
  });

  it("refuses to start with an audit key inside the state directory", async () => {
    writeNewAuditKey(join(state, "audit.pem"));
    await assert.rejects(
      refusedStart(
        startServer(["--config", config, "--state", state, "--audit-key", join(state, "audit.pem"), "--port", "0"]),
      ),
      /the audit key file .* is inside the state directory/,
    );
  });
});
