import type { Environment, Platform } from "../config/types.js";

/** One environment's entry of the platform's `terraform` block, as written (variables, approvals). */
export type TerraformEntry = NonNullable<Platform["terraform"]>["environments"][string];

/** An environment's terraform entry, keyed by its name or any of its aliases (`prod` for `live`); undefined when it has none. */
export function terraformEntry(platform: Platform, env: Environment): TerraformEntry | undefined {
  const entries = platform.terraform?.environments ?? {};
  for (const key of [env.name, ...env.aliases]) {
    const entry = entries[key];
    if (entry) return entry;
  }
  return undefined;
}
