/**
 * The README's tour, run as written: the fenced block marked `sh tour` is read from README.md and
 * each line run in order by a shell, `quikship` being the built CLI, against a server started with
 * the arguments `npm start` uses. Only what a machine needs is changed: the server and the routers
 * listen on free ports (the README's 127.0.0.1:7300 and :7401-7408 are mapped to them), the state
 * directory is a temporary one, and RUN_ID / REL_ID become the first run / release id the command
 * before printed. No assertion depends on the day or the hour.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startArgs } from "../../scripts/start-args.js";
import { loadPlatform } from "../../src/config/load.js";
import type { RunView } from "../../src/engine/types.js";
import { cliBundle } from "../support/cli-bundle.js";
import { startServerProcess, stopServer } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";
import { TOUR_EXPECTATIONS } from "./expectations.js";

/** The commands of the README's tour, in order. */
function tourCommands(readme: string): string[] {
  const block = /```sh tour\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error("README.md has no ```sh tour block");
  return block.split("\n").filter((line) => line.trim() !== "");
}

interface Result {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

const dir = mkdtempSync(join(tmpdir(), "quikship-tour-"));
const state = join(dir, "state");
let server: ServerProcess;
let env: NodeJS.ProcessEnv;
/** The README's router addresses (127.0.0.1:PORT from the platform) to the ones the test's routers got. */
let routerMap: [string, string][];

function sh(command: string): Promise<Result> {
  const child = spawn("sh", ["-c", command], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  return new Promise((resolve) => child.once("close", (code) => resolve({ command, code, stdout, stderr })));
}

/** The line as this machine runs it: placeholders filled from the previous output, routers mapped. */
function concrete(line: string, previous: Result | undefined): string {
  let command = line;
  for (const [written, real] of routerMap) command = command.split(written).join(real);
  const text = previous === undefined ? "" : previous.stdout + previous.stderr;
  for (const [placeholder, pattern] of [
    ["RUN_ID", /\br[0-9a-z]{20}\b/],
    ["REL_ID", /\brel-[0-9a-z]+\b/],
  ] as const) {
    if (!command.includes(placeholder)) continue;
    const id = pattern.exec(text)?.[0];
    assert.ok(id, `"${line}" needs ${placeholder}, but the command before printed none:\n${text}`);
    command = command.split(placeholder).join(id);
  }
  return command;
}

describe("the README's tour, command by command, on the server npm start runs", () => {
  before(async () => {
    const bundle = await cliBundle();
    const bin = join(dir, "bin");
    mkdirSync(bin);
    writeFileSync(join(bin, "quikship"), `#!/bin/sh\nexec "${process.execPath}" "${bundle}" "$@"\n`);
    chmodSync(join(bin, "quikship"), 0o755);
    // startArgs() begins with the command name, which startServerProcess gives itself.
    server = await startServerProcess(startArgs(["--ephemeral-routers"]).slice(1), { QUIKSHIP_STATE: state });
    const loaded = loadPlatform("examples/quikapp");
    assert.ok(loaded.ok);
    const platform = loaded.platform;
    routerMap = platform.ladder.flatMap((name): [string, string][] => {
      const port = platform.environments[name]!.routerPort;
      const real = server.routers[name];
      return port === undefined || real === undefined ? [] : [[`http://127.0.0.1:${port}`, real]];
    });
    env = {
      ...process.env,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
      NO_COLOR: "1",
      QUIKSHIP_SERVER: server.url,
      // The commands run from a directory outside the checkout: the token is found through QUIKSHIP_STATE.
      QUIKSHIP_STATE: state,
      QUIKSHIP_TOKEN: "",
      QUIKSHIP_CONFIG: "",
      XDG_CONFIG_HOME: join(dir, "config"),
    };
  });
  after(() => stopServer(server, dir));

  it("runs every command in order, each showing what the README promises, the canary aborted by analysis", async (t) => {
    const lines = tourCommands(readFileSync("README.md", "utf8"));
    assert.equal(lines.length, TOUR_EXPECTATIONS.length, "each tour command has its expectation, in order");
    let previous: Result | undefined;
    for (const [i, line] of lines.entries()) {
      const expected = TOUR_EXPECTATIONS[i]!;
      assert.ok(line.startsWith(expected.command), `tour line ${i + 1} is "${line}", expected "${expected.command}…"`);
      const command = concrete(line, previous);
      const started = Date.now();
      let result = await sh(command);
      // An automatic promotion is submitted by the server within a second or two of what started it.
      for (let tries = 0; expected.eventually && !expected.check(result) && tries < 40; tries++) {
        await new Promise((r) => setTimeout(r, 250));
        result = await sh(command);
      }
      const shown = `$ ${command}\nexit ${result.code}\n${result.stdout}${result.stderr}`;
      t.diagnostic(`${Date.now() - started} ms: ${line.slice(0, 90)}`);
      assert.equal(result.code, expected.exit, shown);
      assert.ok(expected.check(result), `not what the README promises:\n${shown}`);
      previous = result;
    }
  });

  it("records that analysis, not a person, aborted the canary", async () => {
    const runs = JSON.parse((await sh("quikship runs --output json")).stdout) as RunView[];
    const canary = runs.find((r) => r.request.kind === "deploy" && r.request.params.tag === "v1.2.0-bad");
    assert.ok(canary, "the tour deployed v1.2.0-bad");
    const run = JSON.parse((await sh(`quikship run ${canary.id} --output json`)).stdout) as RunView;
    assert.equal(run.status, "failed");
    const rollout = run.stages.flatMap((s) => s.steps).find((s) => s.kind === "rollout");
    assert.equal(rollout?.status, "failed");
    const details = rollout?.error?.details as { abortedBy?: string; strategy?: string; rolledBackTo?: number };
    assert.deepEqual([details.strategy, details.abortedBy], ["canary", "analysis"]);
    assert.match(rollout?.error?.message ?? "", /aborted: analysis( by the router's guard)?: error rate above/);
  });
});
