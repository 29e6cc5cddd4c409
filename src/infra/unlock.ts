import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Platform } from "../config/types.js";
import { ConflictError, InputError } from "../errors.js";
import { TerraformError } from "./terraform/errors.js";
import { findEnvironment } from "../platform/lookup.js";
import { terraformEntry } from "../platform/terraform.js";
import { moduleDirectory, moduleRevision } from "./module.js";
import { type InfraSettings, envWorkspace, leftoverLockInfo, leftoverLockPath } from "./workspace.js";

/** The ID of a lock a killed terraform left beside a local state file, if any. */
function leftoverLockId(statePath: string): string | null {
  const text = leftoverLockInfo(statePath);
  if (text === null) return null;
  try {
    const id = (JSON.parse(text) as { ID?: unknown }).ID;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}

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
  // A local state's lock is the live process's; a killed one leaves only its lock info, which force-unlock removes.
  const leftover = settings.backend === "local" ? leftoverLockId(ws.statePath) : null;
  if (leftover !== null && leftover !== lockId)
    throw new ConflictError(`the lock left on ${env.name}'s terraform state is ${leftover}, not ${lockId}`);
  try {
    await ws.terraform.init(ws.backend);
    await ws.terraform.forceUnlock(lockId);
    return { environment: env.name, lockId };
  } catch (error) {
    if (!(error instanceof TerraformError) || !/not locked/i.test(error.message)) throw error;
    // Terraform holds no lock on the local state: the info a killed process left is stale, removed here.
    if (leftover === lockId) {
      rmSync(leftoverLockPath(ws.statePath), { force: true });
      return { environment: env.name, lockId };
    }
    throw new ConflictError(`${env.name}'s terraform state holds no lock ${lockId}: there is nothing to unlock`);
  } finally {
    rmSync(join(settings.rootDir, "runs", runId), { recursive: true, force: true });
  }
}
