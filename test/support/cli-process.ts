import { spawn } from "node:child_process";
import { cliBundle } from "./cli-bundle.js";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the bundled CLI against a server, as a person would: the admin token of the state
 * directory, no token or server from the environment, contexts under `configHome`. `env` is
 * added last, so a test can act as another user with `{QUIKSHIP_TOKEN: token}`.
 */
export function runCli(
  target: { server: string; state: string; configHome: string },
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return runBundledCli([...args, "--server", target.server, "--state", target.state], {
    QUIKSHIP_TOKEN: "",
    QUIKSHIP_SERVER: "",
    XDG_CONFIG_HOME: target.configHome,
    ...env,
  });
}

/** Runs the bundled CLI with exactly these arguments, `env` added to this process's (and NO_COLOR). */
export async function runBundledCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const bundle = await cliBundle();
  const child = spawn(process.execPath, [bundle, ...args], {
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

export function parseJson<T>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}): ${result.stdout}\n${result.stderr}`);
  }
}
