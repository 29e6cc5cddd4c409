import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { cliBundle } from "./cli-bundle.js";

export interface ServerProcess {
  url: string;
  /** The local routers by environment (with --local). */
  routers: Record<string, string>;
  child: ChildProcess;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | NodeJS.Signals>;
}

/** How long a server may take to listen before it is killed (its start then rejects). */
const LISTEN_TIMEOUT_MS = 120_000;

/**
 * Starts `quikship server` from the bundled sources as a real process and resolves once it
 * listens (its first JSON line). Rejects with its stderr when it exits before that, or is killed
 * after LISTEN_TIMEOUT_MS without listening.
 */
export async function startServerProcess(args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServerFrom(await cliBundle(), args, env);
}

/** Starts `quikship server` from a given entry script (another build of quikship, in the upgrade test). */
export async function startServerFrom(
  entry: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [entry, "server", "--port", "0", "--output", "json", ...args], {
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)),
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  let stdout = "";
  lines.on("line", (line) => (stdout += `${line}\n`));
  const listening = await new Promise<{ url: string; routers?: { environment: string; url: string }[] }>(
    (resolve, reject) => {
      // A server that never listens is killed (its start then rejects): not left running after its
      // test timed out, keeping the test file's process alive.
      const timer = setTimeout(() => child.kill("SIGKILL"), LISTEN_TIMEOUT_MS);
      lines.on("line", (line) => {
        try {
          const event = JSON.parse(line) as {
            event?: string;
            url?: string;
            routers?: { environment: string; url: string }[];
          };
          if (event.event === "listening" && event.url) {
            clearTimeout(timer);
            resolve({ url: event.url, routers: event.routers ?? [] });
          }
        } catch {
          // not a JSON line
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`quikship server exited (${code}) before listening:\n${stderr}${stdout}`));
      });
    },
  );
  const routers = Object.fromEntries((listening.routers ?? []).map((r) => [r.environment, r.url]));
  return { url: listening.url, routers, child, exited };
}

/**
 * A start the test expects to be refused, for `assert.rejects`: should the server start after all
 * (the assertion then fails), it is killed at once instead of running on, where it would keep the
 * test file's process alive.
 */
export function refusedStart<T extends { child: ChildProcess }>(start: Promise<T>): Promise<T> {
  void start.then(
    (started) => started.child.kill("SIGKILL"),
    () => undefined,
  );
  return start;
}

/** A server on the platform file in `dir`, every environment on the counting test target (nothing runs). */
export function startCountingServer(dir: string, state: string): Promise<ServerProcess> {
  return startServerProcess(["--config", dir, "--state", state], {
    QUIKSHIP_TEST_TARGET: `counting:${join(dir, "effects.jsonl")}`,
  });
}

/** Stops a server with SIGTERM, waits for it, and removes its directory. */
export async function stopServer(server: ServerProcess, dir: string): Promise<void> {
  server.child.kill("SIGTERM");
  await server.exited;
  rmSync(dir, { recursive: true, force: true });
}
