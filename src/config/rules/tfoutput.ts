import { parseTfOutput, isTfOutputText } from "../../platform/tfoutput.js";
import type { PathSegment } from "../diagnostics.js";
import type { RuleContext } from "./context.js";
import { entries } from "./context.js";

/** The environments a `tfoutput:` reference may name: those with a terraform entry, by name or alias. */
function terraformEnvironments(ctx: RuleContext): Set<string> {
  const names = new Set<string>();
  const written = Object.keys(ctx.written.terraform?.environments ?? {});
  for (const env of Object.values(ctx.platform.environments)) {
    const all = [env.name, ...env.aliases];
    if (all.some((n) => written.includes(n))) for (const n of all) names.add(n);
  }
  return names;
}

function check(ctx: RuleContext, path: PathSegment[], vars: Record<string, unknown> | undefined, known: Set<string>) {
  for (const [name, value] of entries(vars)) {
    if (!isTfOutputText(value)) continue;
    const ref = parseTfOutput(value);
    if (!ref)
      ctx.error([...path, name], `"${value}" is not a terraform output reference: write tfoutput:ENV/OUTPUT_NAME`);
    else if (!known.has(ref.environment))
      ctx.error(
        [...path, name],
        `"${value}" names ${ref.environment}, which has no entry under terraform.environments (entries: ${[...known].join(", ") || "none"})`,
      );
  }
}

/** `tfoutput:ENV/NAME` values name an environment whose infrastructure quikship applies. */
export function tfOutputReferencesAreKnown(ctx: RuleContext): void {
  const known = terraformEnvironments(ctx);
  for (const [name, vg] of entries(ctx.written.variableGroups))
    check(ctx, ["variableGroups", name, "variables"], vg.variables, known);
  for (const [name, svc] of entries(ctx.written.services))
    check(ctx, ["services", name, "variables"], svc.variables, known);
}
