import { QuikshipError } from "../../errors.js";
import { type Diagnostic, formatDiagnostic } from "./diagnostics.js";
import type { LockInfo } from "./lock.js";

function lastLines(text: string, count: number): string {
  return text.trim().split("\n").slice(-count).join("\n");
}

/**
 * A terraform command that failed: its diagnostics (file and line where terraform gives them), or
 * the end of what it printed when it gave none. A failure of the module or its inputs, not of quikship.
 */
export class TerraformError extends QuikshipError {
  readonly command: string;
  readonly terraformExitCode: number | null;
  readonly diagnostics: Diagnostic[];

  constructor(command: string, exitCode: number | null, diagnostics: Diagnostic[], stderr: string) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const said = errors.length > 0 ? errors.map(formatDiagnostic).join("\n") : lastLines(stderr, 5) || "(no output)";
    const how = exitCode === null ? "was stopped" : `failed (exit ${exitCode})`;
    super("step-failed", `terraform ${command} ${how}:\n${said}`, { details: { command, exitCode, diagnostics } });
    this.command = command;
    this.terraformExitCode = exitCode;
    this.diagnostics = diagnostics;
  }
}

/** The state is locked by someone else: who, since when and doing what, from terraform's lock info. Retryable. */
export class StateLockedError extends QuikshipError {
  readonly lock: LockInfo;

  constructor(command: string, lock: LockInfo) {
    super(
      "conflict",
      `terraform ${command}: the state is locked by ${lock.who || "someone"} (${lock.operation || "an operation"}, lock ID ${lock.id}, since ${lock.created || "an unknown time"})`,
      { details: { command, lock }, retryable: true },
    );
    this.lock = lock;
  }
}
