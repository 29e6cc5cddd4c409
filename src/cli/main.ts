import { Command, CommanderError, Option } from "commander";
import { asQuikshipError, UsageError } from "../errors.js";
import type { OutputFormat } from "./output.js";
import { colors, printJson } from "./output.js";

const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  invalid input (a platform file error, an unknown name) or a failed operation
  2  usage error (an unknown command or option, a missing argument)

Environment:
  QUIKSHIP_CONFIG  platform file used when --config is not given (default ./quikship.yaml)`;

interface CommonOptions {
  config?: string;
  output: OutputFormat;
}

function common(command: Command): Command {
  return command
    .addOption(new Option("-c, --config <path>", "platform file, or a directory holding quikship.yaml (default: $QUIKSHIP_CONFIG, else ./quikship.yaml)"))
    .addOption(new Option("-o, --output <format>", "output format").choices(["text", "json"]).default("text"));
}

/** Runs a command body; its number is the exit code. Errors render for a person, or as JSON with --output json. */
function run<A extends unknown[]>(body: (...args: A) => Promise<number> | number): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const command = args[args.length - 1] as Command;
    const output = command.opts<Partial<CommonOptions>>().output ?? "text";
    try {
      process.exitCode = await body(...args);
    } catch (error) {
      const e = asQuikshipError(error);
      if (output === "json") printJson(e.toJSON());
      else process.stderr.write(`${colors.red("error:")} ${e.message}\n`);
      process.exitCode = e.exitCode;
    }
  };
}

export function buildProgram(): Command {
  const program = new Command("quikship")
    .description("quikship — a self-hosted delivery control plane: one platform file in, real deployments out.")
    .version("0.1.0")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .addHelpText("after", EXIT_CODES_HELP);

  common(program.command("validate"))
    .description("check a platform file and everything it includes; print every problem with its file:line:column")
    .argument("[path]", "platform file or directory (default: --config)")
    .action(
      run(async (path: string | undefined, opts: CommonOptions) => (await import("./commands/validate.js")).validate(path, opts)),
    );

  common(program.command("services"))
    .description("list the services: name, stack, port, health path, strategy override")
    .option("--stack <name>", "only the services of this stack")
    .action(run(async (opts: CommonOptions & { stack?: string }) => (await import("./commands/services.js")).services(opts)));

  common(program.command("envs"))
    .description("list the environment ladder in order; with ENV, one environment in detail, with whether its window is open now")
    .argument("[env]", "environment name or alias")
    .option("--at <time>", "evaluate windows at this ISO date-time instead of now")
    .action(
      run(async (env: string | undefined, opts: CommonOptions & { at?: string }) => (await import("./commands/envs.js")).envs(env, opts)),
    );

  common(program.command("vars"))
    .description("effective variables of an environment, each with the group it came from; secrets masked with their reference")
    .argument("<env>", "environment name or alias")
    .option("-s, --service <name>", "include the service's stack and service variables")
    .addOption(new Option("--operation <op>", "the operation reading the variables (least privilege)").choices(["deploy", "ci", "terraform"]).default("deploy"))
    .action(
      run(async (env: string, opts: CommonOptions & { service?: string; operation?: string }) => (await import("./commands/vars.js")).vars(env, opts)),
    );

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with a zero code; every other commander error is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : new UsageError(error.message).exitCode;
      return;
    }
    throw error;
  }
}

await main(process.argv);
