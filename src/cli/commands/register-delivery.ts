/**
 * The delivery commands: runs that change what runs (deploy, rollback, restart, scale) and the
 * views of what runs (preview, history, releases, logs, status). Registered by main.ts; each command's code
 * is loaded only when it runs.
 */
import type { Command } from "commander";
import type { ClientOptions } from "../client-options.js";
import type { DeliverOptions, EmergencyOptions, RollbackOptions } from "./deliver.js";
import type { LogsOptions } from "./logs.js";
import type { PreviewOptions } from "./preview.js";
import type { ReleasesOptions } from "./releases.js";

/** What main.ts gives: the client options, and the runner that maps a command's errors to exit codes. */
export interface CommandKit {
  client: (command: Command) => Command;
  run: <A extends unknown[]>(body: (...args: A) => Promise<number> | number) => (...args: A) => Promise<void>;
}

const EMERGENCY = "override the deployment window (members of a group with emergencyOverride only); needs --reason";
const REASON = "why the emergency override is needed; kept with the run and in the audit log";
const WAIT = "follow the run until it ends; exit 1 if it fails or is cancelled";
const SERVICES = "service names separated by commas, or all";
const TRAIN =
  "service names separated by commas, or all: one release, in the order of their dependsOn; if one fails, those already moved are moved back";

export function addDeliveryCommands(program: Command, { client, run }: CommandKit): void {
  client(program.command("deploy"))
    .description("deploy a tag of services to an environment, as a run (several services: one release train)")
    .argument("<env>", "environment name or alias")
    .requiredOption("--services <list>", TRAIN)
    .requiredOption("--tag <tag>", "the image tag to roll out")
    .option(
      "--skip-tests",
      "do not run the environment's tests after the rollout (refused where allowSkipTests: false)",
    )
    .option(
      "--canary",
      "roll out as a canary even where the strategy is rolling or blue-green: the environment's canary plan, else one canary instance watched for 5 minutes, then 100%",
    )
    .option("--emergency", EMERGENCY)
    .option("--reason <text>", REASON)
    .option("--wait", WAIT)
    .action(
      run(
        async (
          env: string,
          opts: DeliverOptions & EmergencyOptions & { tag: string; canary?: boolean; skipTests?: boolean },
        ) => (await import("./deliver.js")).deploy(env, opts),
      ),
    );

  client(program.command("rollback"))
    .description(
      "roll services back to their previous revision or to --revision N, or a whole release (--release ID) to what it replaced",
    )
    .argument("<env>", "environment name or alias")
    .option("--services <list>", `${SERVICES} (or --release)`)
    .option("--revision <n>", "the revision to go back to (0 or absent: the previous one); with --services")
    .option(
      "--release <id>",
      "a release of `quikship releases ENV`: each of its services back to the revision it ran before, in reverse order, as one run",
    )
    .option("--wait", WAIT)
    .action(run(async (env: string, opts: RollbackOptions) => (await import("./deliver.js")).rollback(env, opts)));

  client(program.command("releases"))
    .description(
      "releases, newest first: what each deploy or promotion moved into an environment (its artifacts, revisions and what they replaced) and its status",
    )
    .argument("[env]", "only this environment")
    .option("--limit <n>", "at most this many (default 50)")
    .action(
      run(async (env: string | undefined, opts: ReleasesOptions) =>
        (await import("./releases.js")).releases(env, opts),
      ),
    );

  client(program.command("restart"))
    .description("replace the instances of services one at a time (rolling restart)")
    .argument("<env>", "environment name or alias")
    .requiredOption("--services <list>", SERVICES)
    .option("--wait", WAIT)
    .action(run(async (env: string, opts: DeliverOptions) => (await import("./deliver.js")).restart(env, opts)));

  client(program.command("scale"))
    .description(
      "set the number of instances of services' active revisions (on Kubernetes, where a HorizontalPodAutoscaler owns them, its minReplicas; the run's log says so)",
    )
    .argument("<env>", "environment name or alias")
    .requiredOption("--services <list>", SERVICES)
    .requiredOption("--replicas <n>", "instances to run")
    .option("--wait", WAIT)
    .action(
      run(async (env: string, opts: DeliverOptions & { replicas: string }) =>
        (await import("./deliver.js")).scale(env, opts),
      ),
    );

  client(program.command("preview"))
    .description(
      "what a deploy would change — revisions, replicas, strategy, variables (secrets masked), gates — changing nothing",
    )
    .argument("<env>", "environment name or alias")
    .requiredOption("--services <list>", SERVICES)
    .requiredOption("--tag <tag>", "the image tag a deploy would roll out")
    .action(run(async (env: string, opts: PreviewOptions) => (await import("./preview.js")).preview(env, opts)));

  client(program.command("history"))
    .description("a service's revisions in an environment, newest first")
    .argument("<env>", "environment name or alias")
    .argument("<service>", "service name")
    .action(
      run(async (env: string, service: string, opts: ClientOptions) =>
        (await import("./history.js")).history(env, service, opts),
      ),
    );

  client(program.command("logs"))
    .description("output of a service's instances on the local target (secrets masked)")
    .argument("<env>", "environment name or alias")
    .argument("<service>", "service name")
    .option("-f, --follow", "keep printing new lines until Ctrl-C")
    .option("--revision <n>", "only the instances of this revision")
    .action(
      run(async (env: string, service: string, opts: LogsOptions) =>
        (await import("./logs.js")).logs(env, service, opts),
      ),
    );

  client(program.command("status"))
    .description(
      "what runs where: per environment and service the tag, revision, ready/desired instances, health and the router",
    )
    .argument("[env]", "only this environment")
    .action(
      run(async (env: string | undefined, opts: ClientOptions) => (await import("./status.js")).status(env, opts)),
    );
}
