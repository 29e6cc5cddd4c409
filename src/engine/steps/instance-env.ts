import type { Environment, Platform, Service } from "../../config/types.js";
import { resolveSecret } from "../../platform/secrets.js";
import { effectiveVariables } from "../../platform/variables.js";

/** The instance environment of a revision: plain variables, and the secrets this machine can resolve. */
export function instanceEnv(
  platform: Platform,
  environment: Environment,
  service: Service,
): { env: Record<string, string>; secretNames: string[]; unresolved: string[] } {
  const env: Record<string, string> = {};
  const secretNames: string[] = [];
  const unresolved: string[] = [];
  for (const v of effectiveVariables(platform, environment, { service })) {
    if (!v.secret) env[v.name] = String(v.value);
    else {
      const value = resolveSecret(v.reference, platform.baseDir);
      if (value === undefined) unresolved.push(`${v.name} (${v.reference})`);
      else {
        env[v.name] = value;
        secretNames.push(v.name);
      }
    }
  }
  return { env, secretNames, unresolved };
}
