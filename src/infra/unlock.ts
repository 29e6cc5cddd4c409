import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Platform } from "../config/types.js";
import { InputError } from "../errors.js";
import { findEnvironment } from "../platform/lookup.js";
import { terraformEntry } from "../platform/terraform.js";
import { moduleDirectory, moduleRevision } from "./module.js";
import { type InfraSettings, envWorkspace } from "./workspace.js";

/**
 * Releases an environment's terraform state lock by its ID (`terraform force-unlock`), in a working
 * copy of its own initialised with the environment's backend. The caller gates and audits it.
 */
export async function unlockState(
  settings: InfraSettings,
  platform: Platform,
  environment: string,
  lockId: string,
  nowMs: number,
): Promise<{ environment: string; lockId: string }> {
  const env = findEnvironment(platform, environment);
  const entry = terraformEntry(platform, env);
  if (!entry) throw new InputError(`${env.name} has no entry under terraform.environments`);
  const runId = `unlock-${nowMs}`;
  const revision = moduleRevision(moduleDirectory(platform));
  const ws = envWorkspace(settings, platform, { runId, environment: env.name, revision }, entry.variables);
  try {
    await ws.terraform.init(ws.backend);
    await ws.terraform.forceUnlock(lockId);
    return { environment: env.name, lockId };
  } finally {
    rmSync(join(settings.rootDir, "runs", runId), { recursive: true, force: true });
  }
}
