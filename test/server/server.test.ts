import assert from "node:assert/strict";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { RunView } from "../../src/engine/types.js";
import { PLATFORM_YAML } from "../api/support.js";
import { parseJson as json, runBundledCli } from "../support/cli-process.js";
import { freePort as closedPort } from "../../src/local/agent/health.js";
import { readAgentFile } from "../../src/local/agent/state-file.js";
import { refusedStart } from "../support/server-process.js";
import { removeTemporary, startServer, temporaryDir } from "./support.js";
import type { ServerProcess } from "./support.js";

after(removeTemporary);

describe("the quikship server process and the CLI against it", () => {
  let server: ServerProcess;
  let state: string;
  let home: string;
  /** The CLI as a client of this server, with no stored contexts or tokens from the environment. */
  const cli = (args: string[], env: Record<string, string> = {}) =>
    runBundledCli([...args, "--state", state], {
      QUIKSHIP_CONFIG: "",
      XDG_CONFIG_HOME: home,
      QUIKSHIP_SERVER: server.url,
      QUIKSHIP_TOKEN: "",
      ...env,
    });

  before(async () => {
    const config = temporaryDir("quikship-e2e-config-");
    writeFileSync(join(config, "quikship.yaml"), PLATFORM_YAML);
    state = join(temporaryDir("quikship-e2e-state-"), "state");
    home = temporaryDir("quikship-e2e-home-");
    server = await startServer(["--config", config, "--state", state]);
  });

  after(async () => {
    if (server.child.exitCode === null) await server.stop("SIGKILL");
  });

  it("answers /healthz, /readyz, /openapi.json and /metrics without a token", async () => {
    assert.deepEqual(await (await fetch(`${server.url}/healthz`)).json(), { status: "ok" });
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    assert.ok(doc.paths["/v1/runs"]);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    assert.match(metrics, /# TYPE quikship_runs_total counter/);
  });

  it("refuses an unauthenticated POST with 401 and a JSON error", async () => {
    const res = await fetch(`${server.url}/v1/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "noop", environment: "dev" }),
    });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { error: { kind: string } }).error.kind, "unauthenticated");
  });

  it("wrote the admin token readable by its owner only, and logs without it", () => {
    const path = join(state, "admin.token");
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const token = readFileSync(path, "utf8").trim();
    assert.ok(!readFileSync(join(state, "server.log"), "utf8").includes(token));
  });

  it("lets the CLI use the local admin token, issue a token and act as its user", async () => {
    assert.equal(json<{ user: string }>(await cli(["whoami", "--output", "json"])).user, "admin");
    const created = await cli(["token", "create", "--user", "bob"]);
    assert.equal(created.code, 0, created.stderr);
    const token = created.stdout.trim();
    assert.match(token, /^qs_/);
    const bob = json<{ user: string; groups: string[] }>(
      await cli(["whoami", "--output", "json"], { QUIKSHIP_TOKEN: token }),
    );
    assert.deepEqual([bob.user, bob.groups], ["bob", ["Developers"]]);
    const refused = await cli(["token", "create", "--user", "carol"], { QUIKSHIP_TOKEN: token });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /not an administrator/);
  });

  it("stores a login context with mode 0600 and uses it", async () => {
    const login = await runBundledCli(
      ["login", "--server", server.url, "--token-file", join(state, "admin.token"), "--context", "local"],
      { QUIKSHIP_CONFIG: "", XDG_CONFIG_HOME: home },
    );
    assert.equal(login.code, 0, login.stderr);
    const file = join(home, "quikship", "config.json");
    assert.equal(statSync(file).mode & 0o777, 0o600);
    // No --server, no $QUIKSHIP_SERVER: the context gives both the server and the token.
    const me = await runBundledCli(["whoami", "--output", "json", "--state", temporaryDir("quikship-empty-")], {
      QUIKSHIP_CONFIG: "",
      XDG_CONFIG_HOME: home,
    });
    assert.equal(json<{ user: string; server: string }>(me).server, server.url);
  });

  it("lists runs and follows a noop run to its end", async () => {
    const token = readFileSync(join(state, "admin.token"), "utf8").trim();
    const res = await fetch(`${server.url}/v1/runs`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ kind: "noop", environment: "dev", params: { steps: 3 } }),
    });
    assert.equal(res.status, 201);
    const run = (await res.json()) as RunView;
    const followed = await cli(["run", run.id, "--follow"]);
    assert.equal(followed.code, 0, followed.stderr);
    assert.match(followed.stdout, new RegExp(`run ${run.id} succeeded\\n$`));
    assert.match(followed.stdout, /no-op 3 succeeded/);
    assert.equal(json<RunView>(await cli(["run", run.id, "--follow", "--output", "json"])).status, "succeeded");
    const list = json<RunView[]>(await cli(["runs", "--output", "json", "--env", "dev"]));
    assert.deepEqual(
      list.map((r) => [r.id, r.status]),
      [[run.id, "succeeded"]],
    );
  });

  it("exits with code 3 when the server cannot be reached", async () => {
    const port = await closedPort();
    const result = await cli(["runs", "--server", `http://127.0.0.1:${port}`]);
    assert.equal(result.code, 3);
    assert.equal(
      result.stderr,
      `error: cannot reach the quikship server at http://127.0.0.1:${port}: ECONNREFUSED; start it with \`quikship server\` or pass --server\n`,
    );
  });

  it("stops on SIGTERM with exit code 0", async () => {
    assert.equal(await server.stop("SIGTERM"), 0, server.stderr());
    assert.deepEqual(
      server.lines.map((l) => (JSON.parse(l) as { event: string }).event),
      ["listening", "stopping", "stopped"],
    );
  });
});

describe("a server behind a reverse proxy", () => {
  it("logs the client's address from X-Forwarded-For only when the peer is a trusted proxy", async () => {
    const config = temporaryDir("quikship-proxy-config-");
    writeFileSync(join(config, "quikship.yaml"), PLATFORM_YAML);
    const state = join(config, "state");
    const post = (url: string) =>
      fetch(`${url}/v1/runs`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.7" },
        body: JSON.stringify({ kind: "noop", environment: "dev" }),
      });
    const addresses = () =>
      readFileSync(join(state, "server.log"), "utf8")
        .split("\n")
        .filter((l) => l.includes("request completed") && l.includes("/v1/runs"))
        .map((l) => (JSON.parse(l) as { req: { remoteAddress: string } }).req.remoteAddress);
    const trusting = await startServer(["--config", config, "--state", state], { QUIKSHIP_TRUST_PROXY: "loopback" });
    try {
      assert.equal((await post(trusting.url)).status, 401);
    } finally {
      await trusting.stop();
    }
    assert.deepEqual(addresses(), ["203.0.113.7"]);
    const trustingOthers = await startServer(["--config", config, "--state", state, "--trust-proxy", "10.0.0.0/8"]);
    try {
      assert.equal((await post(trustingOthers.url)).status, 401);
    } finally {
      await trustingOthers.stop();
    }
    assert.deepEqual(addresses(), ["203.0.113.7", "127.0.0.1"]);
  });

  it("refuses a --trust-proxy or $QUIKSHIP_TRUST_PROXY that names no address, exiting 2 before it listens", async () => {
    const config = temporaryDir("quikship-proxy-bad-");
    writeFileSync(join(config, "quikship.yaml"), PLATFORM_YAML);
    await assert.rejects(
      refusedStart(startServer(["--config", config, "--state", join(config, "a"), "--trust-proxy", "10.0.0.0/8,*"])),
      /exited with 2[^]*--trust-proxy: \\"\*\\" is not an IP address/,
    );
    await assert.rejects(
      refusedStart(startServer(["--config", config, "--state", join(config, "b")], { QUIKSHIP_TRUST_PROXY: "true" })),
      /exited with 2[^]*\$QUIKSHIP_TRUST_PROXY: \\"true\\" is not an IP address/,
    );
  });
});

describe("a local server that fails to start", () => {
  it("exits non-zero when a router's port is in use and leaves no agent running", async () => {
    const busy = createServer();
    await new Promise<void>((done) => busy.listen(0, "127.0.0.1", done));
    const port = (busy.address() as AddressInfo).port;
    const config = temporaryDir("quikship-failed-start-");
    const state = join(config, "state");
    try {
      writeFileSync(
        join(config, "quikship.yaml"),
        `version: 1
name: busy
stacks: { node: { port: 3000 } }
services: { web: { stack: node } }
environments:
  dev: { tier: nonprod, router: { port: ${port} } }
`,
      );
      await assert.rejects(
        refusedStart(startServer(["--config", config, "--state", state, "--local"])),
        /exited with 1/,
      );
      const agent = readAgentFile(state);
      assert.ok(agent === undefined || !isAlive(agent.pid), `agent ${agent?.pid} still runs`);
    } finally {
      busy.close();
      // An agent left running (an assertion above failed) is ended here, not left behind.
      const agent = readAgentFile(state);
      if (agent !== undefined && isAlive(agent.pid)) process.kill(agent.pid, "SIGTERM");
    }
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
