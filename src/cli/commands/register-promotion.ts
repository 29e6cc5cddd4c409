/**
 * Promotion through the ladder and its gates: promote, approvals, approve, reject, explain. Registered by main.ts; each command's code is loaded only
 * when it runs.
 */
import type { Command } from "commander";
import type { DecideOptions } from "./approvals.js";
import type { PromoteOptions } from "./deliver.js";
import type { ClientOptions } from "../client-options.js";
import type { CommandKit } from "./register-delivery.js";

const EMERGENCY = "override the deployment window (members of a group with emergencyOverride only); needs --reason";
const REASON = "why the emergency override is needed; kept with the run and in the audit log";

export function addPromotionCommands(program: Command, { client, run }: CommandKit): void {
  client(program.command("promote"))
    .description(
      "move a tag that one environment runs up the ladder as one release train: per target in ladder order, its approvals and window (once), the services in dependsOn order, its tests; a failure there moves back what the train moved",
    )
    .requiredOption("--from <env>", "the environment that runs the tag now")
    .requiredOption("--to <envs>", "environments to promote to, separated by commas (taken in ladder order)")
    .requiredOption(
      "--services <list>",
      "service names separated by commas, or all: one release train, released in the order of their dependsOn",
    )
    .requiredOption("--tag <tag>", "the tag --from runs")
    .option("--skip-tests", "do not run the targets' tests (refused where an environment has allowSkipTests: false)")
    .option(
      "--skip-source-tests",
      "promote although the tag has not passed the source's required tests (refused where a target has allowSkipSourceTests: false, as prod has by default); audited",
    )
    .option(
      "--canary",
      "roll out as a canary even where the strategy is rolling or blue-green: the environment's canary plan, else one canary instance watched for 5 minutes, then 100%",
    )
    .option("--emergency", EMERGENCY)
    .option("--reason <text>", REASON)
    .option("--wait", "follow the run until it ends; exit 1 if it fails or is cancelled")
    .action(run(async (opts: PromoteOptions) => (await import("./deliver.js")).promote(opts)));

  client(program.command("approvals"))
    .description("runs waiting for approval, and whether you may approve each (and as which group) or why not")
    .action(run(async (opts: ClientOptions) => (await import("./approvals.js")).approvals(opts)));

  client(program.command("approve"))
    .description("approve a run waiting for approval, for a group of yours the gate waits for")
    .argument("<run>", "run id")
    .option("--env <env>", "the environment whose approval this is (default: the one the run waits for)")
    .option("--group <group>", "the group to approve for, when you are in several the gate waits for")
    .option("--comment <text>", "kept with the decision and in the audit log")
    .action(run(async (id: string, opts: DecideOptions) => (await import("./approvals.js")).approve(id, opts)));

  client(program.command("reject"))
    .description("reject a run waiting for approval; it fails with your comment")
    .argument("<run>", "run id")
    .requiredOption("--comment <text>", "why (required)")
    .option("--env <env>", "the environment whose approval this is (default: the one the run waits for)")
    .option("--group <group>", "the group to reject for, when you are in several the gate waits for")
    .action(
      run(async (id: string, opts: DecideOptions & { comment: string }) =>
        (await import("./approvals.js")).reject(id, opts),
      ),
    );

  client(program.command("explain"))
    .description(
      "why a run waits — missing approvals by group, the next window opening, the run holding a lock — and when it can go on; then every gate still ahead of each rung, the windows an emergency run overrides, and the next automatic or scheduled promotion",
    )
    .argument("<run>", "run id")
    .action(run(async (id: string, opts: ClientOptions) => (await import("./explain.js")).explain(id, opts)));
}
