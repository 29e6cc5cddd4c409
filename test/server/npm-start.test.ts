/**
 * `npm start` (scripts/start.js) as a person runs it: a signal to its own process alone — not to
 * its process group, as a supervisor or `kill PID` sends it — stops the server, the local agent and
 * every instance, and it exits 0.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, describe, it } from "node:test";
import { readAgentFile } from "../../src/local/agent/state-file.js";
import { cliBundle } from "../support/cli-bundle.js";
import { removeTemporary, temporaryDir } from "./support.js";

after(removeTemporary);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (isAlive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

describe("npm start", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`stops the server, the agent and its routers on ${signal} to its own process, and exits 0`, async (t) => {
      const state = join(temporaryDir("quikship-npm-start-"), "state");
      const child = spawn(
        process.execPath,
        [
          "scripts/start.js",
          "--port",
          "0",
          "--ephemeral-routers",
          "--traffic",
          "0",
          "--state",
          state,
          "--output",
          "json",
        ],
        {
          env: { ...process.env, QUIKSHIP_BUNDLE: await cliBundle(), NO_COLOR: "1" },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
      // Whatever an assertion below stopped short of, nothing this test started outlives it (an
      // agent ends its instances on SIGTERM).
      t.after(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        const agent = readAgentFile(state);
        if (agent !== undefined && isAlive(agent.pid)) process.kill(agent.pid, "SIGTERM");
      });
      const listening = await new Promise<{ url: string; routers: { url: string }[] }>((resolve, reject) => {
        createInterface({ input: child.stdout }).on("line", (line) => {
          if (!line.startsWith("{")) return;
          const event = JSON.parse(line) as { event?: string; url: string; routers: { url: string }[] };
          if (event.event === "listening") resolve(event);
        });
        void exited.then((code) => reject(new Error(`npm start exited ${code} before listening`)));
      });
      const agent = readAgentFile(state);
      assert.ok(agent !== undefined && isAlive(agent.pid), "the agent runs");
      assert.ok(listening.routers.length > 0);
      assert.equal((await fetch(`${listening.url}/healthz`)).status, 200);

      child.kill(signal);
      assert.equal(await exited, 0);
      assert.ok(await gone(agent.pid, 10_000), `agent ${agent.pid} still runs`);
      await assert.rejects(fetch(`${listening.url}/healthz`));
      await assert.rejects(fetch(listening.routers[0]!.url));
    });
  }
});
