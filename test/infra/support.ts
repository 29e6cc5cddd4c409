import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TerraformOptions, Terraform } from "../../src/infra/terraform/terraform.js";
import { type TfVariables, writeTfvars } from "../../src/infra/terraform/files.js";

export const FIXTURES = join(import.meta.dirname, "fixtures");

/** The real terraform must be on PATH: these tests fail loudly without it, they never skip. */
export function requireTerraform(): void {
  const result = spawnSync("terraform", ["version", "-json"], { encoding: "utf8" });
  if (result.error || result.status !== 0)
    throw new Error(
      `the infrastructure tests need the real terraform on PATH (${result.error?.message ?? result.stderr.trim()})`,
    );
}

export interface Workspace {
  /** The working copy of the module. */
  dir: string;
  /** Outside the working copy: the local state, the data dir, variables files, plans. */
  root: string;
  statePath: string;
  terraform(options?: Partial<TerraformOptions>): Terraform;
  varFile(name: string, variables: TfVariables): string;
  planFile(name: string): string;
  cleanup(): void;
}

/** A throwaway working copy of a fixture module, with its own TF_DATA_DIR and local state file. */
export function workspace(module: string): Workspace {
  const root = mkdtempSync(join(tmpdir(), "quikship-tf-"));
  const dir = join(root, "module");
  cpSync(module, dir, { recursive: true });
  mkdirSync(join(root, "runs"));
  mkdirSync(join(root, "state"));
  const statePath = join(root, "state", "terraform.tfstate");
  return {
    dir,
    root,
    statePath,
    terraform: (options) => new Terraform({ workingDir: dir, dataDir: join(root, "tf-data"), ...options }),
    varFile: (name, variables) => {
      const path = join(root, "runs", `${name}.tfvars.json`);
      writeTfvars(path, variables);
      return path;
    },
    planFile: (name) => join(root, "runs", `${name}.tfplan`),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function writeText(path: string, text: string): void {
  writeFileSync(path, text);
}
