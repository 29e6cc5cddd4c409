import type { Environment, Platform, Service } from "../../config/types.js";
import { absoluteReference, resolveSecret } from "../../platform/secrets.js";
import { effectiveVariables } from "../../platform/variables.js";
import type { Queryable } from "../../store/db.js";
import type { SecretReference } from "../../targets/target.js";
import { resolveTfOutputs } from "../tfoutputs.js";

/**
 * The instance environment of a revision: plain variables, and secrets by reference (a file
 * reference made absolute), checked here to resolve on this machine but never carried as values.
 */
export function instanceEnv(
  platform: Platform,
  environment: Environment,
  service: Service,
): { env: Record<string, string>; secrets: SecretReference[]; unresolved: string[] } {
  const env: Record<string, string> = {};
  const secrets: SecretReference[] = [];
  const unresolved: string[] = [];
  for (const v of effectiveVariables(platform, environment, { service })) {
    if (!v.secret) env[v.name] = String(v.value);
    else if (resolveSecret(v.reference, platform.baseDir) === undefined) unresolved.push(`${v.name} (${v.reference})`);
    else secrets.push({ name: v.name, reference: absoluteReference(v.reference, platform.baseDir) });
  }
  return { env, secrets, unresolved };
}

/** The instance environment a deployment hands its target: `tfoutput:ENV/NAME` values resolved from ENV's last apply. */
export async function deployEnv(
  db: Queryable,
  platform: Platform,
  environment: Environment,
  service: Service,
): Promise<{ env: Record<string, string>; secrets: SecretReference[] }> {
  const { env, secrets } = instanceEnv(platform, environment, service);
  return { env: await resolveTfOutputs(db, platform, env), secrets };
}
