import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { InternalError } from "../../errors.js";

/** Terraform variable values as the platform's `terraform.environments.ENV.variables` allow. */
export type TfVariables = Record<string, string | number | boolean | (string | number)[]>;

/** A variables file in terraform's JSON syntax (`.tfvars.json`): no HCL quoting to get wrong. */
export function tfvarsJson(variables: TfVariables): string {
  const sorted = Object.fromEntries(Object.entries(variables).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** Writes `variables` to `path`, which must end in `.tfvars.json` for terraform to read it as JSON. */
export function writeTfvars(path: string, variables: TfVariables): void {
  if (!path.endsWith(".tfvars.json"))
    throw new InternalError(`a JSON variables file must end in .tfvars.json: ${path}`);
  writeFileSync(path, tfvarsJson(variables), { mode: 0o600 });
}

/** The override file quikship writes to replace a module's backend (terraform merges `*_override.tf.json` last). */
export const BACKEND_OVERRIDE_FILE = "quikship_backend_override.tf.json";

/** A backend override: a local state file instead of the module's backend, for rehearsals and tests. */
export function localBackendOverride(statePath: string): string {
  return `${JSON.stringify({ terraform: { backend: { local: { path: statePath } } } }, null, 2)}\n`;
}

export function writeLocalBackendOverride(workingDir: string, statePath: string): string {
  const path = join(workingDir, BACKEND_OVERRIDE_FILE);
  writeFileSync(path, localBackendOverride(statePath));
  return path;
}
