import { isTfOutputText } from "../../platform/tfoutput.js";
import type { PathSegment } from "../diagnostics.js";
import { entries } from "./context.js";
import type { RuleContext } from "./context.js";

const SECRET_NAME =
  /(password|passwd|secret|token|api_?key|private_?key|license_?key|access_?key|credential|auth_?token|account_?sid|encryption_?key|connection_?string)/i;
const SECRET_VALUE = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /^(ghp|gho|ghs|ghu|github_pat|glpat|xox[abpr]|sk|sk_live|rk_live)[-_][A-Za-z0-9_-]{10,}$/,
  /^AKIA[0-9A-Z]{16}$/,
  /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, // a URL with user:password@
];

/** Whether a literal looks like a secret: by its name, or by its shape. */
export function looksSecret(name: string, value: string | number | boolean): boolean {
  if (typeof value !== "string" || value === "") return false;
  if (SECRET_NAME.test(name) && !/^\$\(.+\)$/.test(value)) return true;
  return SECRET_VALUE.some((pattern) => pattern.test(value));
}

function checkVariables(
  ctx: RuleContext,
  path: PathSegment[],
  vars: Record<string, string | number | boolean | { secret: string }> | undefined,
): void {
  for (const [name, value] of entries(vars)) {
    // A terraform output reference is resolved at deploy; a sensitive output is refused there.
    if (typeof value === "object" || isTfOutputText(value)) continue;
    if (looksSecret(name, value)) {
      ctx.error(
        [...path, name],
        `"${name}" looks like a secret written as a literal; write a reference instead, e.g. ${name}: { secret: "env:${constantCase(name)}" } or { secret: "keyvault:ENV-${constantCase(name).replace(/_/g, "-")}" }`,
      );
    }
  }
}

const constantCase = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[-.]/g, "_")
    .toUpperCase();

/** Secret variables are references to where the value lives, never values. */
export function secretsAreReferences(ctx: RuleContext): void {
  for (const [name, vg] of entries(ctx.written.variableGroups))
    checkVariables(ctx, ["variableGroups", name, "variables"], vg.variables);
  for (const [name, svc] of entries(ctx.written.services))
    checkVariables(ctx, ["services", name, "variables"], svc.variables);
}
