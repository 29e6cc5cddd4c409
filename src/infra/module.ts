import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { Platform } from "../config/types.js";
import { InputError } from "../errors.js";
import { BACKEND_OVERRIDE_FILE } from "./terraform/files.js";

/** What a module's revision leaves out: terraform's own data, state, and quikship's backend override. */
function skipped(name: string): boolean {
  return (
    name === ".terraform" ||
    name === ".git" ||
    name === BACKEND_OVERRIDE_FILE ||
    name === ".terraform.lock.hcl.bak" ||
    /\.tfstate(\.backup)?$/.test(name) ||
    name.endsWith(".tfplan")
  );
}

function files(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !skipped(e.name))
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return files(path, base);
      return e.isFile() ? [relative(base, path)] : [];
    })
    .sort();
}

/** The platform's terraform working directory, absolute (relative to the platform file); an InputError when missing. */
export function moduleDirectory(platform: Platform): string {
  if (!platform.terraform)
    throw new InputError("the platform has no terraform block: there is no infrastructure to run");
  const dir = platform.terraform.workingDirectory;
  const path = isAbsolute(dir) ? dir : resolve(platform.baseDir, dir);
  let ok = false;
  try {
    ok = statSync(path).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new InputError(`terraform.workingDirectory: ${path} does not exist or is not a directory`);
  return path;
}

/**
 * The module revision an infra run plans and applies: `sha256:` and the digest of every file of the
 * module (paths and contents, in order), so the same text is the same revision wherever it is checked out.
 */
export function moduleRevision(dir: string): string {
  const hash = createHash("sha256");
  for (const file of files(dir)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(dir, file)));
    hash.update("\0");
  }
  return `sha256:${hash.digest("hex")}`;
}

/** Copies the module (without terraform's data and state) to `to`; returns the copy's revision. */
export function copyModule(from: string, to: string): string {
  mkdirSync(to, { recursive: true });
  for (const file of files(from)) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(from, file), join(to, file));
  }
  return moduleRevision(to);
}
