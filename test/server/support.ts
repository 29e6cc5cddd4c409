import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { cliBundle } from "../support/cli-bundle.js";

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every line the server printed on stdout so far. */
  lines: string[];
  stderr(): string;
  /** Sends a signal and resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A temporary directory, removed by `removeTemporary`. */
const created: string[] = [];
export function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}
export function removeTemporary(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts the real `quikship server`, bundled from the sources (it starts several times faster than
 * through tsx), on a free port (--port 0) and resolves when it prints that it listens, with the URL
 * it printed.
 */
export async function startServer(args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [await cliBundle(), "server", "--host", "127.0.0.1", "--port", "0", "--output", "json", ...args],
    {
      env: { ...process.env, QUIKSHIP_CONFIG: "", QUIKSHIP_DATABASE_URL: "", NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: string[] = [];
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      lines.push(line);
      const event = parseLine(line);
      if (event?.event === "listening" && event.url) {
        resolve({
          url: event.url,
          child,
          lines,
          stderr: () => stderr,
          stop: (signal = "SIGTERM") => {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    void exited.then((code) =>
      reject(new Error(`quikship server exited with ${code} before listening:\n${lines.join("\n")}\n${stderr}`)),
    );
  });
}

function parseLine(line: string): { event?: string; url?: string } | undefined {
  try {
    return JSON.parse(line) as { event?: string; url?: string };
  } catch {
    return undefined;
  }
}
