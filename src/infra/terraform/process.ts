import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { UnavailableError } from "../../errors.js";
import { type UiEvent, parseUiLine } from "./ui-events.js";

export interface ProcessConfig {
  binary: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface ProcessResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** With `json`: every line of stdout as a typed event, in order. */
  events: UiEvent[];
}

export interface RunOptions {
  /** Parse stdout line by line as terraform's JSON UI, handing each event to `onEvent` as it comes. */
  json: boolean;
  onEvent?: (event: UiEvent) => void;
  /** Interrupts terraform the way Ctrl-C does (SIGINT: it stops at a safe point and releases its lock). */
  signal?: AbortSignal;
}

const MAX_KEPT_CHARS = 4 * 1024 * 1024;

function missingBinary(binary: string, error: Error): UnavailableError {
  const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
  return new UnavailableError(
    missing
      ? `"${binary}" was not found: infrastructure runs need terraform on PATH (or its path configured)`
      : `running ${binary} failed: ${error.message}`,
    { cause: error, retryable: false },
  );
}

/** Runs terraform once; resolves with what it printed and its exit code (null when a signal ended it). */
export function runProcess(config: ProcessConfig, args: string[], options: RunOptions): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(config.binary, args, { cwd: config.cwd, env: config.env, stdio: ["ignore", "pipe", "pipe"] });
    const events: UiEvent[] = [];
    let stdout = "";
    let stderr = "";
    const onAbort = (): void => void child.kill("SIGINT");
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr.length < MAX_KEPT_CHARS) stderr += chunk;
    });
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on("line", (line) => {
      if (stdout.length < MAX_KEPT_CHARS || !options.json) stdout += `${line}\n`;
      if (!options.json || line.trim() === "") return;
      const event = parseUiLine(line);
      events.push(event);
      options.onEvent?.(event);
    });
    const closed = new Promise<void>((done) => lines.once("close", done));
    child.once("error", (error) => {
      options.signal?.removeEventListener("abort", onAbort);
      reject(missingBinary(config.binary, error));
    });
    child.once("close", (code) => {
      options.signal?.removeEventListener("abort", onAbort);
      void closed.then(() => resolve({ exitCode: code, stdout, stderr, events }));
    });
  });
}
