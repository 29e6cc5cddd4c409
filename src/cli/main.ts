import { Command, CommanderError, Option } from "commander";
import { UsageError } from "../errors.js";
import type { OutputFormat } from "./output.js";
import { reportError } from "./output.js";
import { VERSION } from "../version.js";
import type { ClientOptions } from "./client-options.js";
import type { LoginOptions } from "./commands/login.js";
import type { RunsOptions } from "./commands/runs.js";
import type { ServerCommandOptions } from "./commands/server.js";
import { addAccessCommands } from "./commands/register-access.js";
import { addArtifactCommands, addCiArtifactCommands } from "./commands/register-artifacts.js";
import { addAuditCommands } from "./commands/register-audit.js";
import { addCiCommands } from "./commands/register-ci.js";
import { addInfraCommands } from "./commands/register-infra.js";
import { addDeliveryCommands } from "./commands/register-delivery.js";
import { addPromotionCommands } from "./commands/register-promotion.js";
import { addRenderCommand } from "./commands/register-render.js";

const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  invalid input (a platform file error, an unknown name) or a failed operation
  2  usage error (an unknown command or option, a missing argument)
  3  the quikship server could not be reached

Environment:
  QUIKSHIP_CONFIG        platform file used when --config is not given (default ./quikship.yaml)
  QUIKSHIP_SERVER        server URL of the client commands when --server is not given
  QUIKSHIP_TOKEN         bearer token of the client commands
  QUIKSHIP_STATE         state directory of a local server (its admin.token); default: .quikship in the
                         current directory or the nearest parent holding one
  QUIKSHIP_DATABASE_URL  database of \`quikship server\` when --database-url is not given
  QUIKSHIP_LEASE         how long a server's claim of a run lasts (quikship server --lease)
  QUIKSHIP_AUDIT_KEY_FILE, QUIKSHIP_AUDIT_KEY
                         the audit key of \`quikship server\` (a PEM file, or the PEM itself) when --audit-key is not given
  QUIKSHIP_AUDIT_SINK    the checkpoint sink of \`quikship server\` when --audit-sink is not given
  QUIKSHIP_TRUST_PROXY   the reverse proxies \`quikship server\` believes when --trust-proxy is not given
  XDG_CONFIG_HOME        where \`quikship login\` stores contexts (default ~/.config)
  XDG_CACHE_HOME         where the read-only commands keep the checked platform between runs (default ~/.cache)
  QUIKSHIP_NO_CACHE      1: read and check the platform file on every run, keeping nothing`;

interface CommonOptions {
  config?: string;
  output: OutputFormat;
}

/** The options of the commands that talk to a server. */
function client(command: Command): Command {
  return command
    .addOption(
      new Option(
        "--server <url>",
        "quikship server (default: $QUIKSHIP_SERVER, else the login context, else http://127.0.0.1:7300)",
      ),
    )
    .addOption(
      new Option(
        "--state <dir>",
        "state directory of a local server, whose admin.token is used when no other token is set (default: $QUIKSHIP_STATE, else .quikship here or in the nearest parent holding one)",
      ),
    )
    .addOption(new Option("-o, --output <format>", "output format").choices(["text", "json"]).default("text"));
}

function common(command: Command): Command {
  return command
    .addOption(
      new Option(
        "-c, --config <path>",
        "platform file, or a directory holding quikship.yaml (default: $QUIKSHIP_CONFIG, else ./quikship.yaml)",
      ),
    )
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
      process.exitCode = reportError(error, output);
    }
  };
}

/**
 * The program with every command; given the arguments of `quikship ci ...`, with the ci commands
 * only. CI runs them on every push, and building the other commands' options and help is a good
 * part of a bare start-up; `quikship ci --help` and its errors read the same either way.
 */
export function buildProgram(argv: readonly string[] = []): Command {
  const program = new Command("quikship")
    .description("quikship — a self-hosted delivery control plane: one platform file in, real deployments out.")
    .version(VERSION)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .addHelpText("after", EXIT_CODES_HELP);
  if (argv[2] === "ci") {
    addCiCommands(program, { client, run });
    addCiArtifactCommands(program, { client, run });
    return program;
  }

  common(program.command("validate"))
    .description("check a platform file and everything it includes; print every problem with its file:line:column")
    .argument("[path]", "platform file or directory (default: --config)")
    .option(
      "--local",
      "also list, per environment, the secrets that do not resolve on this machine (the local target leaves them unset)",
    )
    .action(
      run(async (path: string | undefined, opts: CommonOptions & { local?: boolean }) =>
        (await import("./commands/validate.js")).validate(path, opts),
      ),
    );

  common(program.command("services"))
    .description("list the services: name, stack, port, health path, strategy override")
    .option("--stack <name>", "only the services of this stack")
    .action(
      run(async (opts: CommonOptions & { stack?: string }) => (await import("./commands/services.js")).services(opts)),
    );

  common(program.command("envs"))
    .description(
      "list the environment ladder in order; with ENV, one environment in detail, with whether its window is open now",
    )
    .argument("[env]", "environment name or alias")
    .option("--at <time>", "evaluate windows at this ISO date-time instead of now")
    .action(
      run(async (env: string | undefined, opts: CommonOptions & { at?: string }) =>
        (await import("./commands/envs.js")).envs(env, opts),
      ),
    );

  common(program.command("vars"))
    .description(
      "effective variables of an environment, each with the group it came from; secrets masked with their reference",
    )
    .argument("<env>", "environment name or alias")
    .option("-s, --service <name>", "include the service's stack and service variables")
    .addOption(
      new Option("--operation <op>", "the operation reading the variables (least privilege)")
        .choices(["deploy", "ci", "terraform"])
        .default("deploy"),
    )
    .action(
      run(async (env: string, opts: CommonOptions & { service?: string; operation?: string }) =>
        (await import("./commands/vars.js")).vars(env, opts),
      ),
    );

  addRenderCommand(program, { common, run });
  addServerCommands(program);
  addDeliveryCommands(program, { client, run });
  addPromotionCommands(program, { client, run });
  addAuditCommands(program, { client, run });
  addCiCommands(program, { client, run });
  addCiArtifactCommands(program, { client, run });
  addArtifactCommands(program, { client, run });
  addInfraCommands(program, { client, run });

  program
    .command("agent")
    .description(
      "run the local agent of a state directory (the server starts it on demand); `agent stop` stops it and every instance it runs",
    )
    .argument("[action]", "stop: stop the agent running for --state")
    .requiredOption("--state <dir>", "state directory of the local target (agent.json, agent.log, logs/)")
    .addOption(new Option("-o, --output <format>", "output format").choices(["text", "json"]).default("text"))
    .action(
      run(async (action: string | undefined, opts: { state: string; output: OutputFormat }) =>
        (await import("./commands/agent.js")).agentCommand(action, opts),
      ),
    );
  return program;
}

function addServerCommands(program: Command): void {
  common(program.command("server"))
    .description("run the quikship server: HTTP API, engine workers and timers, until SIGTERM or SIGINT")
    .option(
      "--local",
      "bind every environment to the local target: services run as processes of a local agent, behind one router per environment; stopping the server stops them",
    )
    .option(
      "--ephemeral-routers",
      "with --local: each environment's router listens on a free port the system chooses instead of its router.port (printed at start; for tests and a second server on one machine)",
    )
    .option(
      "--traffic <rate>",
      "with --local: a synthetic user sends RATE requests a second to each service whose traffic is split (a canary, a preview) and one a second to the others, so analysis judges live traffic (npm start: 20)",
    )
    .option(
      "--kubeconfig <file>",
      "kubeconfig of the environments with target: kubernetes, each on the context its `cluster` names (default: $KUBECONFIG, else ~/.kube/config, else the pod's service account)",
    )
    .option(
      "--state <dir>",
      "state directory: SQLite database, log, admin token (default: $QUIKSHIP_STATE, else ./.quikship)",
    )
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0: any free port)", "7300")
    .option(
      "--database-url <url>",
      "postgres://... to use PostgreSQL (default: $QUIKSHIP_DATABASE_URL, else SQLite in the state directory)",
    )
    .option(
      "--platform-git <url>",
      "read the platform from this git repository instead of --config: cloned into the state directory, its ref watched; each new commit is checked in full before use, a broken one refused (the version in use stays), a good one stored as a new version that every server sharing the database adopts",
    )
    .option("--platform-ref <ref>", "with --platform-git: the branch or tag watched", "main")
    .option("--platform-path <path>", "with --platform-git: the platform file inside the repository", "quikship.yaml")
    .option(
      "--platform-git-interval <duration>",
      "with --platform-git: how often the ref is fetched (a reload, SIGHUP or `POST /v1/platform/reload`, fetches at once)",
      "30s",
    )
    .option(
      "--lease <duration>",
      "how long this server's claim of a run lasts unless renewed (every third of it); a server killed or cut off loses its runs after it and another takes them up within a second more (default: $QUIKSHIP_LEASE, else 3s)",
    )
    .option(
      "--audit-key <file>",
      "Ed25519 private key (PEM) that signs a checkpoint of the audit log with every entry; never inside the state directory (default: $QUIKSHIP_AUDIT_KEY_FILE, else the PEM in $QUIKSHIP_AUDIT_KEY; none: not anchored)",
    )
    .option(
      "--audit-sink <file>",
      "append-only file the signed checkpoints are copied to; keep it outside the state directory (default: $QUIKSHIP_AUDIT_SINK, else <state>/audit-checkpoints.jsonl)",
    )
    .option(
      "--terraform-backend <platform|local>",
      "where infra runs keep terraform state: the platform's terraform.backend, or local (a state file per environment under <state>/infra/state, for rehearsals; the module's backend is overridden) (default: $QUIKSHIP_TERRAFORM_BACKEND, else platform)",
    )
    .option(
      "--trust-proxy <addresses>",
      "reverse proxies whose X-Forwarded-For, -Proto and -Host headers are believed, comma separated: IP addresses, CIDR ranges, loopback, linklocal, uniquelocal; they give the client's address in the log and the https URL sign-in returns to (default: $QUIKSHIP_TRUST_PROXY, else none: the headers are ignored)",
    )
    .action(run(async (opts: ServerCommandOptions) => (await import("./commands/server.js")).server(opts)));

  program
    .command("login")
    .description(
      "sign in through the server's OpenID provider (a code to confirm in a browser), or check a token; store server and token as a context for the client commands",
    )
    .requiredOption("--server <url>", "quikship server URL")
    .option("--token-file <file>", "file holding a token (- for standard input); without it, sign in at the provider")
    .option("--context <name>", "name of the context (default: the server's host:port)")
    .addOption(new Option("-o, --output <format>", "output format").choices(["text", "json"]).default("text"))
    .action(run(async (opts: LoginOptions) => (await import("./commands/login.js")).login(opts)));

  client(program.command("whoami"))
    .description("the user and groups your token acts as")
    .action(run(async (opts: ClientOptions) => (await import("./commands/whoami.js")).whoami(opts)));

  addAccessCommands(program, { client, run });

  client(program.command("runs"))
    .description("list runs, newest first")
    .option("--env <name>", "only runs in this environment")
    .option("--status <status>", "only runs with this status: queued, running, waiting, succeeded, failed, cancelled")
    .option("--kind <kind>", "only runs of this kind")
    .option("--limit <n>", "at most this many runs (default 50)")
    .action(run(async (opts: RunsOptions) => (await import("./commands/runs.js")).runs(opts)));

  client(program.command("run"))
    .description(
      "show a run with its stages and steps; with --follow, its live progress until it ends (exit 1 if it fails or is cancelled)",
    )
    .argument("<id>", "run id")
    .option("-f, --follow", "follow the run until it ends")
    .action(
      run(async (id: string, opts: ClientOptions & { follow?: boolean }) =>
        (await import("./commands/run.js")).run(id, opts),
      ),
    );

  client(program.command("cancel"))
    .description("cancel a queued, waiting or running run")
    .argument("<id>", "run id")
    .option("--reason <text>", "why, recorded with the run and in the audit log")
    .action(
      run(async (id: string, opts: ClientOptions & { reason?: string }) =>
        (await import("./commands/cancel.js")).cancel(id, opts),
      ),
    );

  client(program.command("promote-step"))
    .description(
      "end the current canary step (or blue-green analysis) of a run early and go to the next; also goes on from a pause",
    )
    .argument("<id>", "run id")
    .option("--comment <text>", "why, recorded in the run's log and the audit log")
    .action(
      run(async (id: string, opts: ClientOptions & { comment?: string }) =>
        (await import("./commands/cancel.js")).command("promote-step", id, opts),
      ),
    );

  client(program.command("abort"))
    .description(
      "abort a run's rollout: all traffic back on the stable revision at once, then the new revision is rolled back and the run fails",
    )
    .argument("<id>", "run id")
    .option("--comment <text>", "why, recorded in the run's log and the audit log")
    .action(
      run(async (id: string, opts: ClientOptions & { comment?: string }) =>
        (await import("./commands/cancel.js")).command("abort", id, opts),
      ),
    );
}

export async function main(argv: string[]): Promise<void> {
  // A reader that stops early (`quikship runs | head`) is no error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const program = buildProgram(argv);
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
