/**
 * Infrastructure: terraform plans, applies, promotion, destroy, drift, outputs, status and unlock as
 * runs with the environment's gates. Registered by main.ts; each command's code is loaded only when it runs.
 */
import type { Command } from "commander";
import type { ClientOptions } from "../client-options.js";
import type {
  ApplyInfraOptions,
  DestroyInfraOptions,
  InfraRunOptions,
  PromoteInfraOptions,
  UnlockOptions,
} from "./infra.js";
import type { CommandKit } from "./register-delivery.js";

const WAIT = "follow the run until it ends; exit 1 if it fails or is cancelled";
const load = () => import("./infra.js");

export function addInfraCommands(program: Command, { client, run }: CommandKit): void {
  const infra = program
    .command("infra")
    .description(
      "terraform as runs: a saved plan per environment, its approvals (terraform.environments) and window, then exactly that plan applied; drift checks; outputs",
    );
  client(infra.command("plan"))
    .description(
      "plan the environment (terraform plan -out): the saved plan's adds, changes and destroys per resource, nothing applied",
    )
    .argument("<env>", "environment name or alias")
    .option("--wait", WAIT)
    .action(run(async (env: string, o: InfraRunOptions) => (await load()).infraPlan(env, o)));
  client(infra.command("apply"))
    .description(
      "plan the environment, wait for its terraform approvals (none where autoApprove is allowed) and window, then apply exactly that saved plan",
    )
    .argument("<env>", "environment name or alias")
    .option(
      "--plan <run>",
      "apply exactly the plan an earlier `infra plan` run saved (behind the same gates), instead of planning again; refused as stale when the state changed since",
    )
    .option("--wait", WAIT)
    .action(run(async (env: string, o: ApplyInfraOptions) => (await load()).infraApply(env, o)));
  client(infra.command("promote"))
    .description(
      "the same module revision through the ladder from --start to --stop: each rung planned, gated and applied only after the one before applied cleanly; rungs without a terraform entry are skipped and said so",
    )
    .requiredOption("--start <env>", "the first environment")
    .requiredOption("--stop <env>", "the last environment (inclusive)")
    .option("--wait", WAIT)
    .action(run(async (o: PromoteInfraOptions) => (await load()).infraPromote(o)));
  client(infra.command("destroy"))
    .description(
      "destroy the environment's infrastructure: refused unless --confirm repeats the environment and it has destroyApprovals; a prod-tier environment also needs --reason; then a destroy plan waits for the destroy approvals",
    )
    .argument("<env>", "environment name or alias")
    .option("--confirm <env>", "the environment's name typed back, exactly as given")
    .option("--reason <text>", "the emergency reason a prod-tier environment's destroy needs; audited")
    .option("--wait", WAIT)
    .action(run(async (env: string, o: DestroyInfraOptions) => (await load()).infraDestroy(env, o)));
  client(infra.command("drift"))
    .description(
      "check the environment for drift now (terraform plan -refresh-only): up-to-date, or drifted with the resources that differ",
    )
    .argument("<env>", "environment name or alias")
    .option("--wait", WAIT)
    .action(run(async (env: string, o: InfraRunOptions) => (await load()).infraDrift(env, o)));
  client(infra.command("status"))
    .description(
      "each environment with a terraform entry: its last apply, its last drift check (drifted resources by address), infra runs under way",
    )
    .action(run(async (o: ClientOptions) => (await load()).infraStatus(o)));
  client(infra.command("outputs"))
    .description("the root outputs of the environment's last apply; sensitive outputs are named, never stored")
    .argument("<env>", "environment name or alias")
    .action(run(async (env: string, o: ClientOptions) => (await load()).infraOutputs(env, o)));
  client(infra.command("unlock"))
    .description(
      "release the environment's terraform state lock (terraform force-unlock), e.g. one a killed apply left; needs the infra permission; audited",
    )
    .argument("<env>", "environment name or alias")
    .requiredOption("--lock-id <id>", "the lock's ID, as terraform and quikship's error report it")
    .requiredOption("--reason <text>", "why; kept in the audit log")
    .action(run(async (env: string, o: UnlockOptions) => (await load()).infraUnlock(env, o)));
}
