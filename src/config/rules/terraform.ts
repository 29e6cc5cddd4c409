import { versionConstraintProblem } from "../../infra/terraform/version.js";
import type { RuleContext } from "./context.js";

/** `terraform.version` is a version or a constraint, so a run can compare the binary with it. */
export function terraformVersionIsValid(ctx: RuleContext): void {
  const version = ctx.written.terraform?.version;
  if (version === undefined) return;
  const problem = versionConstraintProblem(version);
  if (problem) ctx.error(["terraform", "version"], problem);
}
