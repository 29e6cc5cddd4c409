import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/cli/entry.ts", import.meta.url));
// Absolute, so the CLI can run from any working directory.
const TSX = import.meta.resolve("tsx");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The CLI's entry: the bundle `npm test` builds from the current sources once for every test
 * process (test/support/cli-bundle.ts), which starts in a fraction of the time the sources take
 * through tsx (about 0.15 s of CPU against 1 s); the sources when a test file runs on its own.
 */
const ENTRY = process.env.QUIKSHIP_TEST_CLI_BUNDLE
  ? [resolve(process.env.QUIKSHIP_TEST_CLI_BUNDLE)]
  : ["--import", TSX, MAIN];

/**
 * Runs the CLI as a separate process. Without the bundled CLI's platform cache (src/config/cache.ts),
 * as from the sources: each command reads the platform files, and nothing is written to ~/.cache.
 */
export function quikship(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [...ENTRY, ...args], {
    encoding: "utf8",
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: "1", QUIKSHIP_CONFIG: "", QUIKSHIP_NO_CACHE: "1", ...options.env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function json<T>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}): ${result.stdout}\n${result.stderr}`);
  }
}
