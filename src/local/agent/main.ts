import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import type { Clock } from "../../engine/clock.js";
import { systemClock } from "../../engine/clock.js";
import { ConflictError } from "../../errors.js";
import { VERSION } from "../../version.js";
import { createRouter } from "../router/index.js";
import { commandLine, isRunning } from "./proc.js";
import { killLeftovers } from "./registry.js";
import { createAgentServer } from "./server.js";
import { removeAgentFile, writeAgentFile } from "./state-file.js";
import type { SupervisorEvent } from "./supervisor.js";
import { Supervisor } from "./supervisor.js";

/** How long a starting agent waits for the previous one of its state directory to finish stopping. */
const LOCK_WAIT_MS = 8_000;

/**
 * `quikship agent --state DIR`: supervises instances and hosts the routers until POST /v1/shutdown,
 * SIGTERM or SIGINT, then stops them all and resolves with exit code 0. Prints one line, its URL;
 * everything else it has to say goes to stderr (the agent.log of a server-started agent).
 */
export async function runAgent(stateDir: string, clock: Clock = systemClock): Promise<number> {
  const dir = resolve(stateDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const note = (text: string): void => {
    process.stderr.write(`${new Date(clock.now()).toISOString()} agent ${process.pid}: ${text}\n`);
  };
  await takeLock(dir, clock);
  // Nothing goes wrong if a reader of our output has gone away.
  process.stdout.on("error", () => {});
  process.stderr.on("error", () => {});
  const ended = await killLeftovers(dir, undefined, clock);
  if (ended.length > 0) note(`ended ${ended.length} instance(s) a previous agent left running: ${ended.join(", ")}`);
  const supervisor = new Supervisor({ stateDir: dir, createRouter, clock, onEvent: (e) => note(describe(e)) });
  const token = randomBytes(32).toString("hex");
  const startedAt = clock.now();

  return new Promise<number>((exit) => {
    let stopping = false;
    const shutdown = (why: string): void => {
      if (stopping) return;
      stopping = true;
      note(`stopping (${why}): every instance and router`);
      server.close();
      server.closeAllConnections();
      supervisor
        .close()
        .catch((error: unknown) => note(`while stopping: ${String(error)}`))
        .finally(() => {
          removeAgentFile(dir, process.pid);
          rmSync(join(dir, "agent.lock"), { force: true });
          note("stopped");
          exit(0);
        });
    };
    const server = createAgentServer({
      supervisor,
      token,
      startedAt,
      onShutdown: () => shutdown("POST /v1/shutdown"),
      onError: (error) => note(`rolling restart failed: ${String(error)}`),
    });
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}`;
      writeAgentFile(dir, { pid: process.pid, port, url, token, startedAt, version: VERSION });
      process.stdout.write(`${url}\n`);
    });
    process.once("SIGTERM", () => shutdown("SIGTERM"));
    process.once("SIGINT", () => shutdown("SIGINT"));
    // Started detached there is no terminal to hang up; started by hand, a closed terminal must not end the instances.
    process.on("SIGHUP", () => {});
  });
}

function describe(e: SupervisorEvent): string {
  const where = `${e.environment}/${e.service}#${e.revision} ${e.instance}`;
  switch (e.kind) {
    case "started":
      return `${where} started as pid ${e.pid}`;
    case "crashed":
      return `${where} ${e.exit}; restarting in ${e.restartInMs} ms`;
    case "state":
      return `${where} ${e.state}`;
  }
}

/** One agent per state directory: `agent.lock` holds its pid until it exits. */
async function takeLock(dir: string, clock: Clock): Promise<void> {
  const path = join(dir, "agent.lock");
  const deadline = clock.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: "wx", mode: 0o600 });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let holder: number;
    try {
      holder = Number(readFileSync(path, "utf8").trim());
    } catch {
      continue; // removed meanwhile: try again
    }
    const alive =
      Number.isInteger(holder) && holder > 0 && isRunning(holder) && (commandLine(holder) ?? []).includes("agent");
    if (!alive) rmSync(path, { force: true });
    else if (clock.now() > deadline) throw new ConflictError(`an agent (pid ${holder}) already runs for ${dir}`);
    else await clock.sleep(100);
  }
}
