import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Platform } from "../config/types.js";
import { InputError } from "../errors.js";
import { copyModule, moduleDirectory, moduleRevision } from "./module.js";
import type { TfVariables } from "./terraform/files.js";
import { writeTfvars } from "./terraform/files.js";
import { type Backend, Terraform } from "./terraform/terraform.js";

/**
 * Where and how a server runs terraform. `backend: local` replaces the module's backend with a local
 * state file per environment under `rootDir/state` (rehearsals and tests); `platform` uses the
 * platform's `terraform.backend` settings.
 */
export interface InfraSettings {
  rootDir: string;
  backend: "platform" | "local";
  /** The terraform binary; `terraform` on PATH by default. */
  binary?: string | undefined;
  /** How long terraform waits for a held state lock before it fails; 0 fails at once. */
  lockTimeoutMs?: number | undefined;
}

export const INFRA_BACKENDS = ["platform", "local"] as const;

/** One environment's working copy for one run: the module at the run's revision, its data dir, variables and plan. */
export interface EnvWorkspace {
  dir: string;
  planFile: string;
  varFile: string;
  /** The local state file, with a local backend. */
  statePath: string;
  backend: Backend;
  terraform: Terraform;
}

const safe = (name: string): string => name.replace(/[^A-Za-z0-9_.-]/g, "_");

/**
 * The run's snapshot of the module, taken once from the platform's working directory and checked
 * against the revision the run was planned at: every environment of the run gets exactly that text.
 */
function snapshot(settings: InfraSettings, platform: Platform, runId: string, revision: string): string {
  const dir = join(settings.rootDir, "runs", safe(runId), "module");
  if (!existsSync(dir)) {
    const temp = `${dir}.${process.pid}.tmp`;
    rmSync(temp, { recursive: true, force: true });
    copyModule(moduleDirectory(platform), temp);
    renameSync(temp, dir);
  }
  const now = moduleRevision(dir);
  if (now !== revision)
    throw new InputError(
      `the terraform module changed since this run was planned (planned at ${revision}, the working directory is now at ${now}): start a new run`,
    );
  return dir;
}

export function envWorkspace(
  settings: InfraSettings,
  platform: Platform,
  ids: { runId: string; environment: string; revision: string },
  variables: TfVariables,
): EnvWorkspace {
  const envDir = join(settings.rootDir, "runs", safe(ids.runId), safe(ids.environment));
  const dir = join(envDir, "module");
  if (!existsSync(dir)) copyModule(snapshot(settings, platform, ids.runId, ids.revision), dir);
  const varFile = join(envDir, "environment.tfvars.json");
  writeTfvars(varFile, variables);
  const stateDir = join(settings.rootDir, "state", safe(ids.environment));
  mkdirSync(stateDir, { recursive: true });
  const statePath = join(stateDir, "terraform.tfstate");
  const backend: Backend =
    settings.backend === "local"
      ? { kind: "local", path: statePath }
      : { kind: "configured", config: platform.terraform?.backend ?? {} };
  const terraform = new Terraform({
    workingDir: dir,
    dataDir: join(envDir, "tf-data"),
    ...(settings.binary ? { binary: settings.binary } : {}),
    ...(settings.lockTimeoutMs ? { lockTimeoutMs: settings.lockTimeoutMs } : {}),
  });
  return { dir, planFile: join(envDir, "saved.tfplan"), varFile, statePath, backend, terraform };
}

/** sha256 of a saved plan file: the apply refuses any other file than the one planned and approved. */
export function fileDigest(path: string): string {
  return `sha256:${createHash("sha256").update(readFileSync(path)).digest("hex")}`;
}

/** The lock a killed terraform left beside a local state file (`.terraform.tfstate.lock.info`), if any. */
export function leftoverLockInfo(statePath: string): string | null {
  const path = leftoverLockPath(statePath);
  return existsSync(path) ? readFileSync(path, "utf8") : null;
}

/** Where terraform keeps a local state's lock info. */
export const leftoverLockPath = (statePath: string): string =>
  join(dirname(statePath), `.${basename(statePath)}.lock.info`);
