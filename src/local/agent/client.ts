import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Clock } from "../../engine/clock.js";
import { systemClock } from "../../engine/clock.js";
import { UnavailableError } from "../../errors.js";
import { AgentClient } from "./http-client.js";
import { commandLine, isRunning } from "./proc.js";
import { killLeftovers } from "./registry.js";
import { agentLogPath, readAgentFile, removeAgentFile } from "./state-file.js";

export { AgentClient } from "./http-client.js";
export type { AgentHealth } from "./http-client.js";

export interface EnsureAgentOptions {
  stateDir: string;
  /** Start an agent when none answers (false: fail with an unavailable error instead). */
  startIfMissing: boolean;
  /** Node arguments that run the agent's entry point, before `agent --state DIR` (default: `defaultAgentEntry()`). */
  entry?: string[];
  /** How long a starting agent may take to answer (default 10 s). */
  timeoutMs?: number;
  /** Paces the wait for a starting agent (the system clock by default). */
  clock?: Clock;
}

/**
 * How the agent's own entry point runs: in the bundle, dist/agent.mjs beside dist/quikship.mjs; from
 * the sources, entry.ts through tsx's loader, by absolute URL so any working directory works.
 */
export function defaultAgentEntry(): string[] {
  const here = fileURLToPath(import.meta.url);
  // In the bundle this code sits in a chunk or in an entry file: the agent's entry is beside the entries.
  if (!here.endsWith(".ts"))
    return [join(dirname(here), ...(here.includes(`${sep}chunks${sep}`) ? [".."] : []), "agent.mjs")];
  return ["--import", import.meta.resolve("tsx"), fileURLToPath(new URL("./entry.ts", import.meta.url))];
}

/** The agent of a state directory if it runs and answers with its token; undefined otherwise. */
export async function connectAgent(stateDir: string): Promise<AgentClient | undefined> {
  const file = readAgentFile(resolve(stateDir));
  if (!file || !isRunning(file.pid)) return undefined;
  const client = new AgentClient(file);
  try {
    return (await client.health()).pid === file.pid ? client : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The agent of a state directory: the running one (a restarted server adopts it with its instances
 * and routers), or a new one started detached from this process, so it outlives it.
 */
export async function ensureAgent(options: EnsureAgentOptions): Promise<AgentClient> {
  const dir = resolve(options.stateDir);
  const running = await connectAgent(dir);
  if (running) return running;
  if (!options.startIfMissing)
    throw new UnavailableError(`no agent runs for ${dir}; start one with: quikship agent --state ${dir}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const log = openSync(agentLogPath(dir), "a", 0o600);
  const child = spawn(process.execPath, [...(options.entry ?? defaultAgentEntry()), "agent", "--state", dir], {
    detached: true,
    // Its own directory, so the agent does not hold on to the working directory of whoever started it.
    cwd: dir,
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  child.unref();
  const clock = options.clock ?? systemClock;
  let exitedAt: number | undefined;
  child.once("exit", () => (exitedAt = clock.now()));
  child.once("error", () => (exitedAt = clock.now()));
  const deadline = clock.now() + (options.timeoutMs ?? 10_000);
  // An agent that exits may have lost a race to another one starting for the same directory: look a while longer.
  while (clock.now() < deadline && (exitedAt === undefined || clock.now() < exitedAt + 1_000)) {
    const started = await connectAgent(dir);
    if (started) return started;
    await clock.sleep(50);
  }
  throw new UnavailableError(
    `the agent for ${dir} did not start${exitedAt === undefined ? " in time" : ""}; the end of ${agentLogPath(dir)}:\n${tail(agentLogPath(dir))}`,
  );
}

export interface StopResult {
  /** The agent's pid when one was running. */
  pid: number | null;
  /** Instances a killed agent had left running, ended now. */
  leftovers: number[];
}

/** Stops the agent of a state directory and every instance it runs, including those a killed agent left behind. */
export async function stopAgent(
  stateDir: string,
  options: { timeoutMs?: number; clock?: Clock } = {},
): Promise<StopResult> {
  const clock = options.clock ?? systemClock;
  const dir = resolve(stateDir);
  const file = readAgentFile(dir);
  const pid = file && isRunning(file.pid) ? file.pid : null;
  if (file && pid !== null) {
    const isAgent = (commandLine(pid) ?? []).includes("agent");
    await new AgentClient(file).shutdown().catch(() => {
      // Not answering: a hung agent still ends with its signal handler, or SIGKILL below.
      if (isAgent) process.kill(pid, "SIGTERM");
    });
    const deadline = clock.now() + (options.timeoutMs ?? 15_000);
    while (isRunning(pid) && clock.now() < deadline) await clock.sleep(50);
    if (isRunning(pid) && isAgent) process.kill(pid, "SIGKILL");
  }
  const leftovers = await killLeftovers(dir, undefined, clock);
  const now = readAgentFile(dir);
  if (now && !isRunning(now.pid)) removeAgentFile(dir, now.pid);
  return { pid, leftovers };
}

function tail(path: string): string {
  try {
    return readFileSync(path, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    return "(no log)";
  }
}
