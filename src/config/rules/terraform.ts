import { versionConstraintProblem } from "../../infra/terraform/version.js";
import type { RuleContext } from "./context.js";
import { entries } from "./context.js";
import { cronProblem } from "./windows.js";

/** `terraform.version` is a version or a constraint, so a run can compare the binary with it. */
export function terraformVersionIsValid(ctx: RuleContext): void {
  const version = ctx.written.terraform?.version;
  if (version === undefined) return;
  const problem = versionConstraintProblem(version);
  if (problem) ctx.error(["terraform", "version"], problem);
}

/** Each `driftSchedule` is a cron expression croner accepts. */
export function terraformDriftSchedulesAreValid(ctx: RuleContext): void {
  for (const [name, entry] of entries(ctx.written.terraform?.environments)) {
    const cron = entry.driftSchedule;
    if (cron === undefined) continue;
    const problem = cronProblem(cron);
    if (problem)
      ctx.error(["terraform", "environments", name, "driftSchedule"], `"${cron}" is not a cron expression: ${problem}`);
  }
}
