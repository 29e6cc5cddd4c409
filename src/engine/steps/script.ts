import { spawn } from "node:child_process";
import * as z from "zod";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { maskedLineSplitter } from "../../platform/masked-lines.js";
import { resolveSecret } from "../../platform/secrets.js";
import { effectiveVariables } from "../../platform/variables.js";
import { defineStep, NO_STATE } from "./contract.js";
import type { TypedStepContext } from "./contract.js";
import { StepFailure } from "./handler.js";
import { environmentName, serviceName } from "./names.js";

/** Characters of a logged line of a script's output: longer ones are logged in pieces, masked. */
const MAX_SCRIPT_LINE_CHARS = 8_192;

export const scriptParams = z.strictObject({
  name: z.string(),
  command: z.union([z.string().min(1), z.array(z.string()).min(1)]),
  environment: environmentName,
  service: serviceName.optional(),
  /** The run's services, for the script's SERVICES variable. */
  services: z.array(serviceName).optional(),
  /** Absolute; the platform file's directory when absent. */
  cwd: z.string().optional(),
  timeoutMs: z.int().min(1),
});
export type ScriptParams = z.output<typeof scriptParams>;
type StepContext = TypedStepContext<unknown>;

/** How a command ended: its exit code or the signal that ended it, and its last lines, secrets masked. */
export interface CommandResult {
  code: number | string;
  tail: string[];
}

/** The environment of a script: the server's, plus the operation's variables; secrets only here, never on a command line. */
function scriptEnv(ctx: StepContext, p: ScriptParams): { env: NodeJS.ProcessEnv; secrets: string[] } {
  const environment = findEnvironment(ctx.platform, p.environment);
  const service = p.service ? findService(ctx.platform, p.service) : undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, ENVIRONMENT: environment.name, QUIKSHIP_RUN_ID: ctx.runId };
  if (service) env.SERVICE_NAME = service.name;
  if (p.services?.length) env.SERVICES = p.services.join(",");
  const secrets: string[] = [];
  for (const v of effectiveVariables(ctx.platform, environment, { service })) {
    if (!v.secret) env[v.name] = String(v.value);
    else {
      const value = resolveSecret(v.reference, ctx.platform.baseDir);
      if (value !== undefined) {
        env[v.name] = value;
        secrets.push(value);
      }
    }
  }
  return { env, secrets };
}

/**
 * Runs a command from the platform file with the operation's environment (plus `extraEnv`), its
 * output into the run log with secret values masked.
 */
export async function runCommand(
  ctx: StepContext,
  p: ScriptParams,
  extraEnv: Record<string, string> = {},
): Promise<CommandResult> {
  const { env, secrets } = scriptEnv(ctx, p);
  Object.assign(env, extraEnv);
  // Where the tests reach the environment's services: the local router, or the environment's URL.
  const environment = findEnvironment(ctx.platform, p.environment);
  const address = await ctx.targets
    .forEnvironment(environment)
    .address(environment)
    .catch(() => environment.url);
  if (address) env.QUIKSHIP_ROUTER_URL = address;
  const [file, args, shell] =
    typeof p.command === "string" ? ["/bin/sh", ["-c", p.command], true] : [p.command[0]!, p.command.slice(1), false];
  const tail: string[] = [];
  const code = await new Promise<number | string>((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: p.cwd ?? ctx.platform.baseDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      signal: ctx.signal,
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), p.timeoutMs);
    // Lines are written one after another, so the log keeps their order.
    let written: Promise<void> = Promise.resolve();
    // Each stream's lines are joined across writes and masked whole, so a secret split between two
    // writes is never logged in parts.
    const onLine = (masked: string): void => {
      if (masked === "") return;
      tail.push(masked);
      if (tail.length > 20) tail.shift();
      written = written.then(() => ctx.log(masked));
    };
    for (const stream of [child.stdout, child.stderr]) {
      const lines = maskedLineSplitter(() => secrets, MAX_SCRIPT_LINE_CHARS, onLine);
      stream.on("data", (chunk: Buffer) => lines.push(chunk));
      stream.on("end", () => lines.end());
    }
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(
        new StepFailure(`${p.name}: cannot run ${shell ? "the shell" : file}: ${error.message}`, { cause: error }),
      );
    });
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      written.then(() => resolve(exitCode ?? signal ?? "killed"), reject);
    });
  });
  return { code, tail };
}

/** "exited with 1", "timed out after 600000 ms". */
export function describeExit(code: number | string, timeoutMs: number): string {
  return code === "SIGKILL" ? `timed out after ${timeoutMs} ms` : `exited with ${code}`;
}

/** Runs a command from the platform file, its output into the run log with secret values masked. */
export const scriptStep = defineStep({
  kind: "script",
  params: scriptParams,
  state: NO_STATE,
  output: z.object({ exitCode: z.literal(0) }),
}).handledBy(async (ctx, p) => {
  const result = await runCommand(ctx, p);
  if (result.code !== 0)
    throw new StepFailure(`${p.name} ${describeExit(result.code, p.timeoutMs)}`, { details: { tail: result.tail } });
  return { outcome: "done", output: { exitCode: 0 } };
});
