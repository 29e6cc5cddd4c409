import type { Platform } from "../config/types.js";
import { resolveSecret } from "./secrets.js";
import { effectiveVariables } from "./variables.js";

/** The secrets of one environment that do not resolve on this machine: `name (reference)`, each once, sorted. */
export interface UnresolvedSecrets {
  environment: string;
  secrets: string[];
}

/**
 * Which secrets the local target would leave unset, per environment of the ladder (only those with
 * any): a `keyvault:` or `vault:` reference needs its provider, an `env:` or `file:` one may be
 * missing here. Reported once, at the server's start and by `validate --local`, not per rollout.
 */
export function unresolvedSecrets(platform: Platform): UnresolvedSecrets[] {
  const report: UnresolvedSecrets[] = [];
  for (const name of platform.ladder) {
    const environment = platform.environments[name]!;
    const missing = new Set<string>();
    for (const service of Object.values(platform.services)) {
      for (const v of effectiveVariables(platform, environment, { service })) {
        if (v.secret && resolveSecret(v.reference, platform.baseDir) === undefined)
          missing.add(`${v.name} (${v.reference})`);
      }
    }
    if (missing.size > 0) report.push({ environment: name, secrets: [...missing].sort() });
  }
  return report;
}
